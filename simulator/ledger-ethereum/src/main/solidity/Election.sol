// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// SecCL's consensus contract: a multi-winner positional (Borda) election per round.
/// Specification: docs/ledger-contracts.md (Election).
contract Election {
    struct Round {
        bool opened;
        bool tallied;
        uint32 winners;
        uint64[] scoringVector;
        uint32[] candidates;
        uint32[] elected;
    }

    struct Standing {
        uint64 total;
        bool registered;
    }

    mapping(uint64 => Round) private rounds;
    mapping(uint64 => mapping(uint32 => Standing)) private standings;
    mapping(uint64 => mapping(uint32 => bool)) private voted;

    event Opened(uint64 round, uint32 winners);
    event Ballot(uint64 round, uint32 voter);
    event Elected(uint64 round, uint32[] winners);

    function open(uint64 round, uint32 winners, uint64[] calldata scoringVector) external {
        Round storage r = rounds[round];
        require(!r.opened, "election exists");
        require(winners != 0, "bad winners");
        r.opened = true;
        r.winners = winners;
        r.scoringVector = scoringVector;
        emit Opened(round, winners);
    }

    function castBallot(uint64 round, uint32 voter, uint32[] calldata candidates, uint64[] calldata scores) external {
        Round storage r = rounds[round];
        require(r.opened, "no election");
        require(!r.tallied, "already tallied");
        require(!voted[round][voter], "already voted");
        uint256 n = candidates.length;
        require(n == scores.length, "length mismatch");
        for (uint256 i = 0; i < n; i++) {
            require(candidates[i] != voter, "self vote");
        }
        for (uint256 i = 1; i < n; i++) {
            for (uint256 j = 0; j < i; j++) {
                require(candidates[i] != candidates[j], "duplicate candidate");
            }
        }
        voted[round][voter] = true;
        uint32[] memory ids = candidates;
        uint64[] memory keys = scores;
        sortDescending(ids, keys);
        uint64[] memory vector = r.scoringVector;
        mapping(uint32 => Standing) storage table = standings[round];
        for (uint256 k = 0; k < n; k++) {
            Standing storage s = table[ids[k]];
            if (!s.registered) {
                s.registered = true;
                r.candidates.push(ids[k]);
            }
            if (k < vector.length && vector[k] != 0) {
                s.total += vector[k];
            }
        }
        emit Ballot(round, voter);
    }

    function tally(uint64 round) external {
        Round storage r = rounds[round];
        require(r.opened, "no election");
        require(!r.tallied, "already tallied");
        r.tallied = true;
        uint32[] memory ids = r.candidates;
        uint256 n = ids.length;
        uint64[] memory totals = new uint64[](n);
        mapping(uint32 => Standing) storage table = standings[round];
        for (uint256 i = 0; i < n; i++) {
            totals[i] = table[ids[i]].total;
        }
        sortDescending(ids, totals);
        uint256 m = r.winners < n ? r.winners : n;
        uint32[] memory winners = new uint32[](m);
        for (uint256 k = 0; k < m; k++) {
            winners[k] = ids[k];
        }
        r.elected = winners;
        emit Elected(round, winners);
    }

    function totalOf(uint64 round, uint32 candidate) external view returns (uint64) {
        return standings[round][candidate].total;
    }

    function winnersOf(uint64 round) external view returns (uint32[] memory) {
        return rounds[round].elected;
    }

    /// Every registered candidate (first-appearance order) with its total: lets clients report all totals.
    function standingsOf(uint64 round) external view returns (uint32[] memory candidates, uint64[] memory totals) {
        candidates = rounds[round].candidates;
        totals = new uint64[](candidates.length);
        for (uint256 i = 0; i < candidates.length; i++) {
            totals[i] = standings[round][candidates[i]].total;
        }
    }

    /// Insertion sort of ids by key, descending, ties to the lower id (n <= 64 in practice).
    function sortDescending(uint32[] memory ids, uint64[] memory keys) private pure {
        for (uint256 i = 1; i < ids.length; i++) {
            uint32 id = ids[i];
            uint64 key = keys[i];
            uint256 j = i;
            while (j > 0 && (keys[j - 1] < key || (keys[j - 1] == key && ids[j - 1] > id))) {
                ids[j] = ids[j - 1];
                keys[j] = keys[j - 1];
                j--;
            }
            ids[j] = id;
            keys[j] = key;
        }
    }
}
