// H7 (first start), H11 (removing a paired push token) and H12 (the server host on the
// approval screen, not on the notification) of tests/shell-scenarios.md, for iOS: VaultFile
// and AppState over the real Rust vault in a temp dir.
import Foundation
import XCTest
import InkanCore
@testable import InkanApp
@testable import InkanKit

let GOOD_PASSWORD = "correct horse"

/// A key store that refuses every use (no usable Keychain, or its key was invalidated).
final class RefusingKeyStore: KeyStore, @unchecked Sendable {
    func wrapKey(keyId: String, key: Data) throws -> Data { throw CallbackError.Unavailable(reason: "no Keychain") }
    func unwrapKey(keyId: String, wrapped: Data) throws -> Data { throw CallbackError.Unavailable(reason: "no Keychain") }
    func deleteKey(keyId: String) throws {}
}

func tempDir(_ prefix: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

func isCreate(_ start: VaultStart) -> Bool { if case .create = start { return true }; return false }

func openedVault(_ start: VaultStart, file: StaticString = #filePath, line: UInt = #line) -> Authenticator? {
    if case .open(let vault) = start { return vault }
    XCTFail("not opened: \(start)", file: file, line: line)
    return nil
}

final class FirstStartTests: XCTestCase {
    /// H7: password rules; nothing under the vault name before the recovery code is
    /// acknowledged; a leftover `.new` is discarded; after acknowledgement the vault opens
    /// through the key store and with the password.
    func testH7FirstStart() throws {
        let dir = try tempDir("inkan-first")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = VaultFile(directory: dir)
        let keyStore = TestKeyStore()
        XCTAssertTrue(isCreate(file.start(keyStore: keyStore)))

        XCTAssertEqual(NewPassword.problem("short", "short"), "Use at least 8 characters")
        XCTAssertEqual(NewPassword.problem(GOOD_PASSWORD, GOOD_PASSWORD + "!"), "The two passwords differ")
        XCTAssertNil(NewPassword.problem(GOOD_PASSWORD, GOOD_PASSWORD))
        for (password, confirmation) in [("short", "short"), (GOOD_PASSWORD, "correct horsE")] {
            XCTAssertThrowsError(try file.create(password: password, confirmation: confirmation, keyStore: keyStore)) {
                guard case InkanError.InvalidInput = $0 else { return XCTFail("\($0)") }
            }
            XCTAssertFalse(file.pendingExists)
            XCTAssertFalse(file.exists)
        }

        // Created, recovery code not acknowledged, then the process dies.
        var pending: PendingVault? = try file.create(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD, keyStore: keyStore)
        XCTAssertFalse(pending!.recoveryCode.isEmpty)
        XCTAssertTrue(pending!.hasKeyStoreSlot)
        XCTAssertGreaterThan(keyStore.wraps, 0, "the key store wrapped the vault key")
        XCTAssertTrue(file.pendingExists)
        XCTAssertFalse(file.exists, "not promoted before the recovery code is acknowledged")
        pending = nil
        XCTAssertTrue(file.pendingExists)
        XCTAssertTrue(isCreate(file.start(keyStore: keyStore)), "a leftover .new is discarded: create again")
        XCTAssertFalse(file.pendingExists)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(leftovers.filter { $0.hasPrefix(VaultFile.pendingName) }, [])

        // Created and acknowledged: in place, open, nothing left under the pending name.
        let second = try file.create(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD, keyStore: keyStore)
        let code = second.recoveryCode
        XCTAssertFalse(code.isEmpty)
        var vault = openedVault(try second.confirmSaved())
        XCTAssertEqual(second.recoveryCode, "", "the recovery code is forgotten once acknowledged")
        XCTAssertThrowsError(try second.confirmSaved(), "only once")
        XCTAssertTrue(file.exists)
        XCTAssertFalse(file.pendingExists)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix(VaultFile.pendingName) }, [])
        XCTAssertEqual(try vault?.accounts().count, 0)
        XCTAssertThrowsError(try file.create(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD, keyStore: keyStore),
                             "a vault exists already")
        vault = nil

        // Later starts: the key store slot; a refusing key store → the password.
        vault = openedVault(file.start(keyStore: keyStore))
        XCTAssertNotNil(vault)
        vault = nil
        guard case .needPassword(let reason) = file.start(keyStore: RefusingKeyStore()) else {
            return XCTFail("a refusing key store must lead to the password")
        }
        XCTAssertFalse(reason.isEmpty)
        XCTAssertThrowsError(try file.open(password: "wrong password")) {
            guard case InkanError.WrongPassword = $0 else { return XCTFail("\($0)") }
        }
        vault = try file.open(password: GOOD_PASSWORD)
        XCTAssertNotNil(vault)
        XCTAssertFalse(code.contains(GOOD_PASSWORD))
    }

    /// H7: the key store refuses at creation → a vault with password and recovery code
    /// only; after the acknowledgement it opens with the password.
    func testH7KeyStoreRefusedAtCreation() throws {
        let dir = try tempDir("inkan-first")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = VaultFile(directory: dir)
        let pending = try file.create(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD, keyStore: RefusingKeyStore())
        XCTAssertFalse(pending.hasKeyStoreSlot)
        XCTAssertFalse(file.exists)
        var vault = openedVault(try pending.confirmSaved())
        XCTAssertNotNil(vault)
        vault = nil
        guard case .needPassword = file.start(keyStore: TestKeyStore()) else {
            return XCTFail("no key store slot: the password is needed")
        }
        vault = try file.open(password: GOOD_PASSWORD)
        XCTAssertNotNil(vault)
    }

    /// H7 through AppState (the screens' model): create → recovery code → open; a second
    /// start while the code is on screen keeps it; a new AppState (next launch) opens
    /// through the key store without the first-start screens.
    func testH7AppStateSteps() async throws { try await Self.h7AppState() }

    @MainActor
    static func h7AppState() async throws {
        let dir = try tempDir("inkan-first-app")
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyStore = TestKeyStore()
        do {
            let state = AppState(vaultFile: VaultFile(directory: dir), keyStore: keyStore, clock: CountingClock(NOW))
            XCTAssertEqual(state.start(), .create)
            do {
                try await state.createVault(password: "short", confirmation: "short")
                XCTFail("a short password was taken")
            } catch InkanError.InvalidInput(let reason) {
                XCTAssertTrue(reason.contains("at least 8"), reason)
            }
            XCTAssertNil(state.pendingVault)
            try await state.createVault(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD)
            XCTAssertFalse(try XCTUnwrap(state.pendingVault).recoveryCode.isEmpty)
            XCTAssertEqual(state.start(), .recoveryCode, "the code on screen is not discarded")
            do {
                try await state.createVault(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD)
                XCTFail("a second vault replaced the pending one")
            } catch InkanError.InvalidInput {}
            XCTAssertTrue(VaultFile(directory: dir).pendingExists)
            XCTAssertNil(state.accounts, "the account list waits for the acknowledgement")
            XCTAssertFalse(VaultFile(directory: dir).exists)
            let acknowledged = try await state.recoveryCodeSaved()
            XCTAssertEqual(acknowledged, .open)
            XCTAssertNil(state.pendingVault)
            XCTAssertEqual(try state.accounts?.vault.accounts().count, 0)
        }
        // Next launch: the key store slot, no first-start screen.
        let next = AppState(vaultFile: VaultFile(directory: dir), keyStore: keyStore, clock: CountingClock(NOW))
        XCTAssertEqual(next.start(), .open)
    }

    /// H7: the acknowledged vault cannot be put in place (something took the vault name):
    /// the new vault is dropped and the first start begins again; nothing is overwritten.
    func testH7PromotionRefusedStartsOver() async throws { try await Self.h7PromotionRefused() }

    @MainActor
    static func h7PromotionRefused() async throws {
        let dir = try tempDir("inkan-first-refused")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = VaultFile(directory: dir)
        let state = AppState(vaultFile: file, keyStore: TestKeyStore(), clock: CountingClock(NOW))
        XCTAssertEqual(state.start(), .create)
        try await state.createVault(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD)
        try FileManager.default.createDirectory(atPath: file.path, withIntermediateDirectories: false)
        do {
            _ = try await state.recoveryCodeSaved()
            XCTFail("put in place over what holds the vault name")
        } catch InkanError.Internal {}
        XCTAssertNil(state.pendingVault)
        XCTAssertNil(state.accounts)
        XCTAssertFalse(file.pendingExists, "the unpromoted vault is dropped")
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) && isDirectory.boolValue,
                      "what holds the name is left alone")
        try FileManager.default.removeItem(atPath: file.path)
        XCTAssertEqual(state.start(), .create)
    }

    /// H11: removing a paired token deletes the key of the alias core returns; the token
    /// is gone after reopening; the message says the server was not told.
    func testH11RemovePushToken() async throws { try await Self.h11() }

    @MainActor
    static func h11() async throws {
        if PushShellTests.serverKey == nil {
            PushShellTests.serverKey = try PushTestServer(url: PUSH_URL, serial: PUSH_SERIAL)
        }
        let server = FakePushServer(PushShellTests.serverKey!)
        let keys = TestKeys()
        let dir = try tempDir("inkan-remove")
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyStore = TestKeyStore()
        let platform = PushPlatform(transport: server, keys: keys, presence: StubPresence())
        do {
            let state = AppState(vaultFile: VaultFile(directory: dir), keyStore: keyStore, clock: CountingClock(NOW),
                                 push: platform)
            XCTAssertEqual(state.start(), .create)
            try await state.createVault(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD)
            let acknowledged = try await state.recoveryCodeSaved()
            XCTAssertEqual(acknowledged, .open)
            state.open(link: PUSH_LINK)
            guard case .pair(_, let enrollment) = state.pendingRoute else { return XCTFail("no pairing route") }
            let token = try await state.pair(enrollment)
            let alias = try XCTUnwrap(token.keyAlias)
            XCTAssertEqual(token.host, "pi.example.com")
            XCTAssertEqual(PushTokenTexts.row(token).server, "pi.example.com")
            XCTAssertTrue(PushTokenTexts.confirmRemove(token).contains("revoke the token there"))
            XCTAssertNotNil(keys.key(alias))
            server.offer(offered("N1", nil))
            _ = await state.poll()
            XCTAssertEqual(state.inbox.challenges.count, 1)

            let removal = try state.removePushToken(serial: PUSH_SERIAL)
            XCTAssertEqual(removal.token.serial, PUSH_SERIAL)
            XCTAssertEqual(removal.token.keyAlias, alias)
            XCTAssertEqual(keys.deleted, [alias], "the key of the returned alias is deleted")
            XCTAssertNil(keys.key(alias))
            XCTAssertNil(removal.keyProblem)
            XCTAssertTrue(removal.message.contains("server was not told"), removal.message)
            XCTAssertEqual(state.pushTokens, [])
            XCTAssertTrue(state.inbox.challenges.isEmpty, "its challenges leave the inbox")
            XCTAssertThrowsError(try state.removePushToken(serial: PUSH_SERIAL), "already removed")
            XCTAssertEqual(keys.deleted, [alias])
            let polled = await state.poll()
            XCTAssertEqual(polled, [], "no token, no poll")
        }
        // Reopened (next launch): the token is gone.
        let next = AppState(vaultFile: VaultFile(directory: dir), keyStore: keyStore, clock: CountingClock(NOW),
                            push: platform)
        XCTAssertEqual(next.start(), .open)
        XCTAssertEqual(next.pushTokens, [])
        XCTAssertEqual(try next.accounts?.vault.pushTokens(), [])
    }

    /// H11: a Keychain that refuses the delete: the token is removed all the same and the
    /// message says the key stayed.
    func testH11KeyDeleteFailureIsReported() async throws {
        let p = try await PushShellTests.paired()
        defer { try? FileManager.default.removeItem(at: p.dir) }
        p.keys.deleteFailure = CallbackError.Unavailable(reason: "the device is locked")
        let removal = try PushTokenRemoval.remove(serial: PUSH_SERIAL, vault: p.vault, keys: p.keys)
        XCTAssertEqual(p.keys.deleted, [p.alias])
        XCTAssertEqual(removal.keyProblem, "the device is locked")
        XCTAssertTrue(removal.message.contains("could not be deleted"), removal.message)
        XCTAssertEqual(try p.vault.pushTokens(), [])
    }

    /// H12: the approval screen says where the sign-in is (the pinned host, through the
    /// real PushClient); the notification does not (SEC-P7).
    func testH12HostOnApprovalNotOnNotification() async throws { try await Self.h12() }

    @MainActor
    static func h12() async throws {
        let p = try await PushShellTests.paired()
        defer { try? FileManager.default.removeItem(at: p.dir) }
        XCTAssertEqual(p.token.host, "pi.example.com")
        p.server.offer(offered("N1", "09,84,01"))
        let approval = try await PushShellTests.model(p, PushInbox())
        XCTAssertEqual(approval.state.challenge.host, "pi.example.com")
        XCTAssertEqual(approval.state.signInAt, "Sign-in at pi.example.com")
        let text = NotificationTexts.signIn
        for shown in [text.title, text.body, text.hiddenPreviewPlaceholder] {
            XCTAssertFalse(shown.contains("pi.example.com"), shown)
        }
        // No host from core: no line.
        XCTAssertNil(ApprovalState(challenge: pushRecord(), token: VPN_TOKEN).signInAt)
    }
}
