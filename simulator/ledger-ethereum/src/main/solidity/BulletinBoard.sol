// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// SecCL's trusted bulletin board: one 32-byte message hash per (round, sender, kind).
/// Specification: docs/ledger-contracts.md (BulletinBoard).
contract BulletinBoard {
    mapping(bytes32 => bytes32) private hashes;
    uint256 public posts;

    event Posted(uint64 round, bytes32 sender, bytes32 kind, bytes32 messageHash);

    function post(uint64 round, bytes32 sender, bytes32 kind, bytes32 messageHash) external {
        bytes32 key = keccak256(abi.encode(round, sender, kind));
        require(hashes[key] == bytes32(0), "already posted");
        hashes[key] = messageHash;
        posts += 1;
        emit Posted(round, sender, kind, messageHash);
    }

    function hashOf(uint64 round, bytes32 sender, bytes32 kind) external view returns (bytes32) {
        return hashes[keccak256(abi.encode(round, sender, kind))];
    }
}
