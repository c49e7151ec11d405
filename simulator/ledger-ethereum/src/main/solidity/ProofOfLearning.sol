// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// Proof-of-Learning tasks (Bravo-Marquez, Reeves & Ugarte 2019): a supplier escrows a task fee and one fee per
/// validator, trainers submit model hashes, each committee member posts its ranking (Borda points added here) and is
/// paid its fee, finalize pays the task fee plus a minted block reward to the submission with the most points.
/// Specification: docs/ledger-contracts.md (ProofOfLearning).
contract ProofOfLearning {
    struct Task {
        bytes32 supplier;
        uint64 fee;
        uint64 validatorFee;
        uint64 blockReward;
        uint32 validators;
        uint32 ranked;
        uint32 winner; // index + 1; 0 while there is none
        bool finalized;
    }

    struct Submission {
        bytes32 trainer;
        bytes32 modelHash;
        uint64 points;
    }

    mapping(bytes32 => uint64) private balances;
    mapping(uint64 => Task) private tasks;
    mapping(uint64 => mapping(bytes32 => uint8)) private seats; // 1: seated, 2: ranked
    mapping(uint64 => mapping(bytes32 => bool)) private submitted;
    mapping(uint64 => Submission[]) private submissions;
    uint64 public held;
    uint64 public minted;

    event Credited(bytes32 account, uint64 amount);
    event TaskPosted(uint64 task, bytes32 supplier, uint64 fee, uint64 validatorFee, uint64 blockReward, uint32 validators);
    event Submitted(uint64 task, uint32 index, bytes32 trainer, bytes32 modelHash);
    event Ranked(uint64 task, bytes32 validator, uint64 fee);
    event Won(uint64 task, uint32 index, bytes32 trainer, uint64 points, uint64 prize);
    event Refunded(uint64 task, bytes32 supplier, uint64 amount);

    function credit(bytes32 account, uint64 amount) external {
        balances[account] += amount;
        emit Credited(account, amount);
    }

    function postTask(uint64 task, bytes32 supplier, uint64 fee, uint64 validatorFee, uint64 blockReward, bytes32[] calldata validators) external {
        Task storage t = tasks[task];
        require(t.supplier == bytes32(0), "task exists");
        uint256 n = validators.length;
        require(n != 0, "no validators");
        uint64 escrow = fee + validatorFee * uint64(n);
        uint64 balance = balances[supplier];
        require(balance >= escrow, "insufficient balance");
        for (uint256 i = 0; i < n; i++) {
            require(seats[task][validators[i]] == 0, "duplicate validator");
            seats[task][validators[i]] = 1;
        }
        balances[supplier] = balance - escrow;
        t.supplier = supplier;
        t.fee = fee;
        t.validatorFee = validatorFee;
        t.blockReward = blockReward;
        t.validators = uint32(n);
        held += escrow;
        emit TaskPosted(task, supplier, fee, validatorFee, blockReward, uint32(n));
    }

    function submit(uint64 task, bytes32 trainer, bytes32 modelHash) external {
        Task storage t = live(task);
        require(t.ranked == 0, "ranking started");
        require(!submitted[task][trainer], "already submitted");
        Submission[] storage subs = submissions[task];
        uint256 index = subs.length;
        require(index < 256, "too many submissions");
        submitted[task][trainer] = true;
        subs.push(Submission(trainer, modelHash, 0));
        emit Submitted(task, uint32(index), trainer, modelHash);
    }

    function rank(uint64 task, bytes32 validator, uint32[] calldata order) external {
        Task storage t = live(task);
        uint8 seat = seats[task][validator];
        require(seat != 0, "not a validator");
        require(seat == 1, "already ranked");
        Submission[] storage subs = submissions[task];
        uint256 n = subs.length;
        require(order.length == n, "not a permutation");
        uint256 seen = 0;
        for (uint256 p = 0; p < n; p++) {
            uint256 index = order[p];
            require(index < n && (seen >> index) & 1 == 0, "not a permutation");
            seen |= uint256(1) << index;
            subs[index].points += uint64(n - 1 - p);
        }
        seats[task][validator] = 2;
        t.ranked += 1;
        uint64 fee = t.validatorFee;
        balances[validator] += fee;
        held -= fee;
        emit Ranked(task, validator, fee);
    }

    function finalize(uint64 task) external {
        Task storage t = live(task);
        require(t.ranked == t.validators, "rankings missing");
        t.finalized = true;
        Submission[] storage subs = submissions[task];
        uint256 n = subs.length;
        uint64 fee = t.fee;
        held -= fee;
        if (n == 0) {
            balances[t.supplier] += fee;
            emit Refunded(task, t.supplier, fee);
            return;
        }
        uint256 best = 0;
        uint64 bestPoints = subs[0].points;
        for (uint256 i = 1; i < n; i++) {
            uint64 p = subs[i].points;
            if (p > bestPoints) {
                best = i;
                bestPoints = p;
            }
        }
        t.winner = uint32(best + 1);
        uint64 reward = t.blockReward;
        uint64 prize = fee + reward;
        bytes32 trainer = subs[best].trainer;
        balances[trainer] += prize;
        minted += reward;
        emit Won(task, uint32(best), trainer, bestPoints, prize);
    }

    function balanceOf(bytes32 account) external view returns (uint64) {
        return balances[account];
    }

    function winnerOf(uint64 task) external view returns (uint32) {
        return tasks[task].winner;
    }

    function pointsOf(uint64 task, uint32 index) external view returns (uint64) {
        Submission[] storage subs = submissions[task];
        return index < subs.length ? subs[index].points : 0;
    }

    function live(uint64 task) private view returns (Task storage t) {
        t = tasks[task];
        require(t.supplier != bytes32(0), "no task");
        require(!t.finalized, "finalized");
    }
}
