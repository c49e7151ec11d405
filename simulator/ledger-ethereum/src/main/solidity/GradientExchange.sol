// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// DeepChain's gradient exchange: a payload posted as calldata, its hash stored and announced.
/// Specification: docs/ledger-contracts.md (GradientExchange).
contract GradientExchange {
    mapping(bytes32 => bytes32) private hashes;
    uint256 public bytesPosted;

    event Posted(uint64 round, bytes32 sender, bytes32 payloadHash, uint32 length);

    function post(uint64 round, bytes32 sender, bytes calldata payload) external {
        bytes32 key = keccak256(abi.encode(round, sender));
        require(hashes[key] == bytes32(0), "already posted");
        bytes32 payloadHash = keccak256(payload);
        hashes[key] = payloadHash;
        bytesPosted += payload.length;
        emit Posted(round, sender, payloadHash, uint32(payload.length));
    }

    function hashOf(uint64 round, bytes32 sender) external view returns (bytes32) {
        return hashes[keccak256(abi.encode(round, sender))];
    }
}
