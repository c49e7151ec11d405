// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// The DanKu model market (Kurtulmus & Daniel 2018) with a mock clock (the caller passes its virtual time)
/// and an internal ledger currency. Specification: docs/ledger-contracts.md (DanKu).
contract DanKu {
    struct Market {
        bytes32 organizer;
        uint64 reward;
        uint32 groups;
        uint32 testStart;
        uint32 testGroups;
        uint32 features;
        uint32 classes;
        uint32 trainingLeft;
        uint32 testLeft;
        uint64 thresholdPpm;
        uint64 submitUntil;
        uint64 revealUntil;
        uint64 testSamples;
        bool commitReveal;
        bool finalized;
    }

    struct Submission {
        bytes32 submitter;
        bytes32 commitment;
        bool opened;
        uint64 correct;
        int32[] weights;
    }

    mapping(bytes32 => uint64) private balances;
    uint64 public held;
    mapping(uint64 => Market) private markets;
    mapping(uint64 => bytes32[]) private groupHashes;
    mapping(uint64 => mapping(uint32 => bool)) private revealed;
    mapping(uint64 => Submission[]) private submissions;

    event Credited(bytes32 account, uint64 amount);
    event Created(uint64 market, bytes32 organizer, uint64 reward, uint32 testStart);
    event TrainingRevealed(uint64 market, uint32 group, uint64 samples);
    event Submitted(uint64 market, uint32 index, bytes32 submitter);
    event Committed(uint64 market, uint32 index, bytes32 submitter);
    event Opened(uint64 market, uint32 index);
    event TestRevealed(uint64 market, uint32 group, uint64 samples);
    event Paid(uint64 market, bytes32 account, uint64 amount, uint64 accuracyPpm);
    event Refunded(uint64 market, bytes32 organizer, uint64 amount);
    event Split(uint64 market, bytes32 submitter, uint64 amount);

    function credit(bytes32 account, uint64 amount) external {
        balances[account] += amount;
        emit Credited(account, amount);
    }

    /// terms = [testGroups, features, classes, thresholdPpm, submitUntil, revealUntil, commitReveal (0/1)]:
    /// one array, because eleven separate arguments exceed the EVM's stack.
    function create(uint64 id, bytes32 organizer, uint64 reward, bytes32[] calldata hashes, uint64[] calldata terms) external {
        Market storage m = markets[id];
        require(m.organizer == bytes32(0), "market exists");
        require(terms.length == 7, "bad terms");
        uint256 n = hashes.length;
        require(terms[0] != 0 && terms[0] < n && terms[1] != 0 && terms[1] < 65536 && terms[2] >= 2 && terms[2] < 65536
            && terms[3] <= 1000000 && terms[4] <= terms[5] && terms[6] <= 1 && n < 65536, "bad terms");
        uint64 balance = balances[organizer];
        require(balance >= reward, "insufficient balance");
        balances[organizer] = balance - reward;
        held += reward;
        uint32 testStart = uint32(uint256(keccak256(abi.encodePacked(hashes))) % n);
        m.organizer = organizer;
        m.reward = reward;
        m.groups = uint32(n);
        m.testStart = testStart;
        m.testGroups = uint32(terms[0]);
        m.features = uint32(terms[1]);
        m.classes = uint32(terms[2]);
        m.trainingLeft = uint32(n - terms[0]);
        m.testLeft = uint32(terms[0]);
        m.thresholdPpm = terms[3];
        m.submitUntil = terms[4];
        m.revealUntil = terms[5];
        m.commitReveal = terms[6] == 1;
        for (uint256 i = 0; i < n; i++) {
            groupHashes[id].push(hashes[i]);
        }
        emit Created(id, organizer, reward, testStart);
    }

    function revealTraining(uint64 id, uint32 group, bytes32 salt, int16[] calldata rows) external {
        Market storage m = existing(id);
        require(group < m.groups && !isTest(m, group), "not a training group");
        reveal(id, m, group, salt, rows);
        m.trainingLeft -= 1;
        emit TrainingRevealed(id, group, uint64(rows.length / (m.features + 1)));
    }

    function submit(uint64 id, bytes32 submitter, int32[] calldata weights, uint64 now_) external {
        Market storage m = acceptingSubmissions(id, now_);
        require(!m.commitReveal, "commit required");
        requireModel(m, weights);
        Submission storage s = submissions[id].push();
        s.submitter = submitter;
        s.opened = true;
        s.weights = weights;
        emit Submitted(id, uint32(submissions[id].length - 1), submitter);
    }

    /// commitment = keccak256(abi.encodePacked(salt, submitter, weights)): binding the submitter stops a
    /// copier from replaying a rival's commitment and then its opening.
    function commit(uint64 id, bytes32 submitter, bytes32 commitment, uint64 now_) external {
        Market storage m = acceptingSubmissions(id, now_);
        require(m.commitReveal, "open market");
        Submission storage s = submissions[id].push();
        s.submitter = submitter;
        s.commitment = commitment;
        emit Committed(id, uint32(submissions[id].length - 1), submitter);
    }

    function openModel(uint64 id, uint32 index, bytes32 salt, int32[] calldata weights, uint64 now_) external {
        Market storage m = existing(id);
        require(index < submissions[id].length, "no submission");
        Submission storage s = submissions[id][index];
        require(!s.opened, "already opened");
        require(now_ >= m.submitUntil, "too early");
        require(now_ < m.revealUntil && m.testLeft == m.testGroups, "too late");
        requireModel(m, weights);
        require(keccak256(abi.encodePacked(salt, s.submitter, weights)) == s.commitment, "commitment mismatch");
        s.opened = true;
        s.weights = weights;
        emit Opened(id, index);
    }

    /// Checks the group against its commitment and scores every opened submission on its rows.
    function revealTest(uint64 id, uint32 group, bytes32 salt, int16[] calldata rows, uint64 now_) external {
        Market storage m = existing(id);
        require(group < m.groups && isTest(m, group), "not a test group");
        require(now_ >= m.submitUntil, "too early");
        require(now_ < m.revealUntil, "too late");
        reveal(id, m, group, salt, rows);
        uint256 width = uint256(m.features) + 1;
        uint256 classes = m.classes;
        for (uint256 r = width - 1; r < rows.length; r += width) {
            require(rows[r] >= 0 && uint256(int256(rows[r])) < classes, "bad label");
        }
        Submission[] storage subs = submissions[id];
        for (uint256 i = 0; i < subs.length; i++) {
            if (subs[i].opened) {
                subs[i].correct += evaluate(subs[i].weights, rows, width, classes);
            }
        }
        m.testSamples += uint64(rows.length / width);
        m.testLeft -= 1;
        emit TestRevealed(id, group, uint64(rows.length / width));
    }

    /// Pays the best opened submission at or above the threshold, else refunds the organizer; an organizer
    /// who has not revealed every test group by revealUntil forfeits the reward to the submitters, split evenly.
    function finalize(uint64 id, uint64 now_) external {
        Market storage m = existing(id);
        require(!m.finalized, "finalized");
        Submission[] storage subs = submissions[id];
        uint64 reward = m.reward;
        if (m.testLeft == 0) {
            m.finalized = true;
            held -= reward;
            bool found = false;
            uint256 best = 0;
            for (uint256 i = 0; i < subs.length; i++) {
                if (subs[i].opened && (!found || subs[i].correct > subs[best].correct)) {
                    best = i;
                    found = true;
                }
            }
            uint64 accuracy = found && m.testSamples > 0 ? uint64(uint256(subs[best].correct) * 1000000 / m.testSamples) : 0;
            if (found && accuracy >= m.thresholdPpm) {
                balances[subs[best].submitter] += reward;
                emit Paid(id, subs[best].submitter, reward, accuracy);
            } else {
                balances[m.organizer] += reward;
                emit Refunded(id, m.organizer, reward);
            }
            return;
        }
        require(now_ >= m.revealUntil, "not revealed");
        m.finalized = true;
        held -= reward;
        uint256 opened = 0;
        for (uint256 i = 0; i < subs.length; i++) {
            if (subs[i].opened) {
                opened++;
            }
        }
        if (opened == 0) {
            balances[m.organizer] += reward;
            emit Refunded(id, m.organizer, reward);
            return;
        }
        uint64 share = uint64(reward / opened);
        uint64 first = reward - share * uint64(opened - 1);
        bool paidFirst = false;
        for (uint256 i = 0; i < subs.length; i++) {
            if (subs[i].opened) {
                uint64 amount = paidFirst ? share : first;
                paidFirst = true;
                balances[subs[i].submitter] += amount;
                emit Split(id, subs[i].submitter, amount);
            }
        }
    }

    function balanceOf(bytes32 account) external view returns (uint64) {
        return balances[account];
    }

    function submissionCount(uint64 id) external view returns (uint32) {
        return uint32(submissions[id].length);
    }

    function correctOf(uint64 id, uint32 index) external view returns (uint64) {
        return submissions[id][index].correct;
    }

    /// A posted model is public chain state: what a copier reads (empty until opened).
    function weightsOf(uint64 id, uint32 index) external view returns (int32[] memory) {
        return submissions[id][index].weights;
    }

    function testStartOf(uint64 id) external view returns (uint32) {
        return markets[id].testStart;
    }

    function existing(uint64 id) private view returns (Market storage m) {
        m = markets[id];
        require(m.organizer != bytes32(0), "no market");
    }

    function acceptingSubmissions(uint64 id, uint64 now_) private view returns (Market storage m) {
        m = existing(id);
        require(m.trainingLeft == 0, "training not revealed");
        require(now_ < m.submitUntil, "submission closed");
    }

    function requireModel(Market storage m, int32[] calldata weights) private view {
        require(weights.length == uint256(m.classes) * (uint256(m.features) + 1), "bad model");
    }

    function isTest(Market storage m, uint32 group) private view returns (bool) {
        return (uint256(group) + m.groups - m.testStart) % m.groups < m.testGroups;
    }

    function reveal(uint64 id, Market storage m, uint32 group, bytes32 salt, int16[] calldata rows) private {
        require(!revealed[id][group], "already revealed");
        require(rows.length % (uint256(m.features) + 1) == 0, "bad rows");
        require(keccak256(abi.encodePacked(salt, rows)) == groupHashes[id][group], "hash mismatch");
        revealed[id][group] = true;
    }

    /// Rows of features then label; model = per class, features weights then a bias; argmax, ties to the lower class.
    function evaluate(int32[] storage stored, int16[] calldata rows, uint256 width, uint256 classes) private view returns (uint64 correct) {
        int32[] memory w = stored;
        unchecked {
            for (uint256 r = 0; r < rows.length; r += width) {
                uint256 best = 0;
                int256 bestScore = 0;
                for (uint256 c = 0; c < classes; c++) {
                    uint256 base = c * width;
                    int256 score = w[base + width - 1];
                    for (uint256 j = 0; j + 1 < width; j++) {
                        score += int256(w[base + j]) * rows[r + j];
                    }
                    if (c == 0 || score > bestScore) {
                        best = c;
                        bestScore = score;
                    }
                }
                if (int256(best) == rows[r + width - 1]) {
                    correct++;
                }
            }
        }
    }
}
