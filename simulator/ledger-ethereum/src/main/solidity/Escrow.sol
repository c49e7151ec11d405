// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// Deposits in a ledger currency with a mock clock (the caller passes its virtual time).
/// Specification: docs/ledger-contracts.md (Escrow).
contract Escrow {
    struct Deposit {
        bytes32 account;
        uint64 amount;
        uint64 unlockAt;
        bool settled;
    }

    mapping(bytes32 => uint64) private balances;
    mapping(uint64 => Deposit) private deposits;
    uint64 private lastId;
    uint64 public escrowed;

    event Minted(bytes32 account, uint64 amount);
    event Deposited(uint64 id, bytes32 account, uint64 amount, uint64 unlockAt);
    event Refunded(uint64 id, bytes32 account, uint64 amount);
    event Taken(uint64 id, bytes32 taker, uint64 amount);

    function mint(bytes32 account, uint64 amount) external {
        balances[account] += amount;
        emit Minted(account, amount);
    }

    function deposit(bytes32 account, uint64 amount, uint64 unlockAt) external {
        uint64 balance = balances[account];
        require(balance >= amount, "insufficient balance");
        uint64 id = lastId + 1;
        lastId = id;
        balances[account] = balance - amount;
        escrowed += amount;
        deposits[id] = Deposit(account, amount, unlockAt, false);
        emit Deposited(id, account, amount, unlockAt);
    }

    function refund(uint64 id, uint64 now_) external {
        Deposit storage d = unsettled(id);
        require(now_ >= d.unlockAt, "locked");
        d.settled = true;
        uint64 amount = d.amount;
        escrowed -= amount;
        balances[d.account] += amount;
        emit Refunded(id, d.account, amount);
    }

    function take(uint64 id, bytes32[] calldata takers, uint64[] calldata weights) external {
        Deposit storage d = unsettled(id);
        uint256 n = takers.length;
        require(n != 0 && n == weights.length, "length mismatch");
        uint256 sum = 0;
        for (uint256 i = 0; i < n; i++) {
            sum += weights[i];
        }
        require(sum != 0, "zero weight");
        d.settled = true;
        uint64 amount = d.amount;
        escrowed -= amount;
        uint64[] memory shares = new uint64[](n);
        uint64 paid = 0;
        for (uint256 i = 0; i < n; i++) {
            shares[i] = uint64((uint256(amount) * weights[i]) / sum);
            paid += shares[i];
        }
        shares[0] += amount - paid;
        for (uint256 i = 0; i < n; i++) {
            balances[takers[i]] += shares[i];
            emit Taken(id, takers[i], shares[i]);
        }
    }

    function balanceOf(bytes32 account) external view returns (uint64) {
        return balances[account];
    }

    function unsettled(uint64 id) private view returns (Deposit storage d) {
        require(id != 0 && id <= lastId, "no deposit");
        d = deposits[id];
        require(!d.settled, "already settled");
    }
}
