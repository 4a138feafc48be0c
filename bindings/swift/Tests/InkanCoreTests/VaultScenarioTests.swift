// Scenarios S13–S16 of tests/scenarios.md (the vault: Authenticator) in Swift. An
// Authenticator holds the vault file's lock until its last reference goes.
import Foundation
import XCTest
import InkanCore

let RFC_SHA1_OTHER_SECRET = "otpauth://totp/RFC6238:sha1?secret=JBSWY3DPEHPK3PXP&digits=8&period=30&issuer=RFC6238"
let HOTP = "otpauth://hotp/RFC4226:h?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=RFC4226"

func vaultPath() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inkan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("vault.inkan").path
}

final class RefusingKeyStore: KeyStore {
    func wrapKey(keyId: String, key: Data) throws -> Data { throw CallbackError.NotFound }
    func unwrapKey(keyId: String, wrapped: Data) throws -> Data { throw CallbackError.Denied(reason: "user cancelled") }
    func deleteKey(keyId: String) throws {}
}

final class VaultScenarioTests: XCTestCase {
    func testS13VaultCodesHotpAndReopen() throws {
        let path = try vaultPath()
        var hotp = ""
        var recoveryCode = ""
        do {
            let created = try createVault(path: path, password: "correct horse", keyStore: nil)
            XCTAssertFalse(created.recoveryCode.isEmpty)
            recoveryCode = created.recoveryCode
            let auth = created.authenticator
            XCTAssertEqual(try auth.addLink(link: RFC_SHA1, nowUnix: NOW)[0].status, .added)
            hotp = try auth.addLink(link: HOTP, nowUnix: NOW)[0].id
            let codes = try auth.codesAt(unixSeconds: 59)
            XCTAssertEqual(codes[0].code?.text, "94287082")
            XCTAssertEqual(codes[0].code?.remainingSeconds, 1)
            XCTAssertNil(codes[1].code)
            XCTAssertEqual(try auth.nextHotpCode(id: hotp, nowUnix: NOW).text, "755224")
        }
        do {
            let auth = try Authenticator.openWithPassword(path: path, password: "correct horse")
            XCTAssertEqual(try auth.accounts().count, 2)
            XCTAssertEqual(try auth.nextHotpCode(id: hotp, nowUnix: NOW).text, "287082")
        }
        XCTAssertThrowsError(try Authenticator.openWithPassword(path: path, password: "wrong")) { error in
            guard case InkanError.WrongPassword = error else { return XCTFail("\(error)") }
        }
        // Forgotten password: the recovery code opens the vault; a wrong code does not.
        do {
            let auth = try Authenticator.openWithRecoveryCode(path: path, recoveryCode: recoveryCode)
            XCTAssertEqual(try auth.accounts().count, 2)
        }
        XCTAssertThrowsError(try Authenticator.openWithRecoveryCode(path: path, recoveryCode: "AAAA-BBBB")) { error in
            guard case InkanError.WrongPassword = error else { return XCTFail("\(error)") }
        }
    }

    func testS14DuplicatesRenameRemove() throws {
        let auth = try createVault(path: try vaultPath(), password: "pw", keyStore: nil).authenticator
        let first = try auth.addLink(link: RFC_SHA1, nowUnix: NOW)[0]
        let again = try auth.addLink(link: RFC_SHA1, nowUnix: NOW)[0]
        XCTAssertEqual(again.status, .existing)
        XCTAssertEqual(again.id, first.id)
        let other = try auth.addLink(link: RFC_SHA1_OTHER_SECRET, nowUnix: NOW)[0]
        XCTAssertEqual(other.status, .duplicateKept)
        XCTAssertEqual(try auth.accounts().count, 2)
        try auth.rename(id: other.id, issuer: "Work", name: "me")
        XCTAssertEqual(try auth.accounts()[1].info.label, "Work (me)")
        try auth.remove(id: first.id)
        XCTAssertEqual(try auth.accounts().count, 1)
        try auth.changePassword(newPassword: "new")
        XCTAssertThrowsError(try auth.remove(id: "not-an-id")) { error in
            guard case InkanError.InvalidInput = error else { return XCTFail("\(error)") }
        }
    }

    func testS15OpenWithForeignKeyStore() throws {
        let path = try vaultPath()
        let store = XorKeyStore()
        do {
            let auth = try createVault(path: path, password: "pw", keyStore: store).authenticator
            _ = try auth.addLink(link: RFC_SHA1, nowUnix: NOW)
        }
        do {
            let auth = try Authenticator.openWithKeyStore(path: path, keyStore: store)
            XCTAssertEqual(try auth.codesAt(unixSeconds: 59)[0].code?.text, "94287082")
        }
        XCTAssertEqual(store.calls.map { String($0.prefix(while: { $0 != " " })) }, ["wrap", "unwrap"])
        XCTAssertThrowsError(try Authenticator.openWithKeyStore(path: path, keyStore: RefusingKeyStore())) { error in
            guard case InkanError.KeystoreUnavailable(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("user cancelled"), reason)
        }
        // Re-enable the key store after a password open: a new slot, the old key deleted.
        try Authenticator.openWithPassword(path: path, password: "pw").useKeyStore(keyStore: store)
        XCTAssertEqual(try Authenticator.openWithKeyStore(path: path, keyStore: store).accounts().count, 1)
        XCTAssertEqual(store.calls.map { String($0.prefix(while: { $0 != " " })) },
                       ["wrap", "unwrap", "wrap", "delete", "unwrap"])
    }

    func testS16ConcurrentCodesOnOneVault() async throws {
        let auth = try createVault(path: try vaultPath(), password: "pw", keyStore: nil).authenticator
        _ = try auth.addLink(link: RFC_SHA1, nowUnix: NOW)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var ok = true
                    for _ in 0..<20 {
                        let text = try auth.codesAt(unixSeconds: 59)[0].code?.text
                        ok = ok && text == "94287082"
                    }
                    return ok
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        XCTAssertEqual(results, Array(repeating: true, count: 8))
    }
}
