// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// Contribution rewards paid from escrow: a task owner escrows a reward for a number of rounds, the server posts
/// each round's shares (valuations in fixed point), the contract pays the round's budget in proportion, and the
/// remainder returns to the owner after the last round. Specification: docs/ledger-contracts.md (RewardPool).
contract RewardPool {
    struct Pool {
        bytes32 owner;
        uint64 amount;
        uint64 remaining;
        uint32 rounds;
        uint32 paidRounds;
        bool closed;
    }

    mapping(bytes32 => uint64) private balances;
    mapping(uint64 => Pool) private pools;
    uint64 public held;

    event Credited(bytes32 account, uint64 amount);
    event Opened(uint64 pool, bytes32 owner, uint64 amount, uint32 rounds);
    event Paid(uint64 pool, uint32 round, bytes32 account, uint64 amount);
    event Closed(uint64 pool, bytes32 owner, uint64 refund);

    function credit(bytes32 account, uint64 amount) external {
        balances[account] += amount;
        emit Credited(account, amount);
    }

    function open(uint64 pool, bytes32 owner, uint64 amount, uint32 rounds) external {
        require(pools[pool].owner == bytes32(0), "pool exists");
        require(rounds != 0, "no rounds");
        uint64 balance = balances[owner];
        require(balance >= amount, "insufficient balance");
        balances[owner] = balance - amount;
        pools[pool] = Pool(owner, amount, amount, rounds, 0, false);
        held += amount;
        emit Opened(pool, owner, amount, rounds);
    }

    function pay(uint64 pool, uint32 round, bytes32[] calldata accounts, uint64[] calldata shares) external {
        Pool storage p = live(pool);
        require(round == p.paidRounds + 1 && round <= p.rounds, "wrong round");
        uint256 n = accounts.length;
        require(n == shares.length, "length mismatch");
        uint256 sum = 0;
        for (uint256 i = 0; i < n; i++) {
            sum += shares[i];
        }
        uint256 budget = p.amount / p.rounds;
        uint64 total = 0;
        for (uint256 i = 0; i < n; i++) {
            uint64 amount = sum == 0 ? 0 : uint64((budget * shares[i]) / sum);
            balances[accounts[i]] += amount;
            total += amount;
            emit Paid(pool, round, accounts[i], amount);
        }
        p.remaining -= total;
        p.paidRounds = round;
        held -= total;
    }

    function close(uint64 pool) external {
        Pool storage p = live(pool);
        require(p.paidRounds == p.rounds, "rounds left");
        uint64 refund = p.remaining;
        p.remaining = 0;
        p.closed = true;
        balances[p.owner] += refund;
        held -= refund;
        emit Closed(pool, p.owner, refund);
    }

    function balanceOf(bytes32 account) external view returns (uint64) {
        return balances[account];
    }

    function remainingOf(uint64 pool) external view returns (uint64) {
        return pools[pool].remaining;
    }

    function live(uint64 pool) private view returns (Pool storage p) {
        p = pools[pool];
        require(p.owner != bytes32(0), "no pool");
        require(!p.closed, "closed");
    }
}
