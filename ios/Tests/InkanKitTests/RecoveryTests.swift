// H13 (the recovery code on the password screen, then a new password) and H14 (the key
// store given a new slot after a password or recovery-code open) of tests/shell-scenarios.md,
// for iOS: VaultFile and AppState over the real Rust vault in a temp dir.
import Foundation
import XCTest
import InkanCore
@testable import InkanApp
@testable import InkanKit

let NEW_PASSWORD = "battery staple"

/// The app's key store as the vault sees it across launches: `inner` is swapped to play a
/// restored device (an empty Keychain) or new biometrics (a refusing one); key ids wrapped
/// and deleted are recorded.
final class SwitchableKeyStore: KeyStore, @unchecked Sendable {
    private let lock = NSLock()
    private var store: KeyStore
    private var wrappedIds: [String] = []
    private var deletedIds: [String] = []

    init(_ store: KeyStore) { self.store = store }

    var inner: KeyStore {
        get { lock.lock(); defer { lock.unlock() }; return store }
        set { lock.lock(); store = newValue; lock.unlock() }
    }
    var wrapped: [String] { lock.lock(); defer { lock.unlock() }; return wrappedIds }
    var deleted: [String] { lock.lock(); defer { lock.unlock() }; return deletedIds }

    func wrapKey(keyId: String, key: Data) throws -> Data {
        let result = try inner.wrapKey(keyId: keyId, key: key)
        lock.lock(); wrappedIds.append(keyId); lock.unlock()
        return result
    }

    func unwrapKey(keyId: String, wrapped: Data) throws -> Data { try inner.unwrapKey(keyId: keyId, wrapped: wrapped) }

    func deleteKey(keyId: String) throws {
        lock.lock(); deletedIds.append(keyId); lock.unlock()
        try inner.deleteKey(keyId: keyId)
    }
}

/// A key store that wraps but never unwraps: the slot's Keychain key exists but refuses
/// (e.g. invalidated by a biometric change), while new keys can still be made.
final class UnwrapRefusingKeyStore: KeyStore, @unchecked Sendable {
    let inner = TestKeyStore()
    func wrapKey(keyId: String, key: Data) throws -> Data { try inner.wrapKey(keyId: keyId, key: key) }
    func unwrapKey(keyId: String, wrapped: Data) throws -> Data { throw CallbackError.Unavailable(reason: "key invalidated") }
    func deleteKey(keyId: String) throws { try inner.deleteKey(keyId: keyId) }
}

/// A vault made through the first start with `keyStore`, holding `RFC_SHA1`; returns its
/// recovery code (read from the screen's model before the acknowledgement).
@MainActor
func firstStartVault(_ dir: URL, keyStore: KeyStore) async throws -> String {
    let state = AppState(vaultFile: VaultFile(directory: dir), keyStore: keyStore, clock: CountingClock(NOW))
    XCTAssertEqual(state.start(), .create)
    try await state.createVault(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD)
    let code = try XCTUnwrap(state.pendingVault).recoveryCode
    XCTAssertFalse(code.isEmpty)
    let step = try await state.recoveryCodeSaved()
    XCTAssertEqual(step, .open)
    _ = try state.confirm(try XCTUnwrap(confirmation(RFC_SHA1)))
    return code
}

func isUnlock(_ step: VaultStep) -> Bool { if case .unlock = step { return true }; return false }

final class RecoveryTests: XCTestCase {
    /// H13: a restored device (the Keychain key is gone): the recovery code opens the
    /// vault, a new password is required before the accounts show; afterwards the old
    /// password no longer opens it, the new one does, the recovery code still does, and the
    /// next start goes through the renewed key store slot.
    func testH13RecoveryCodeThenNewPassword() async throws { try await Self.h13() }

    @MainActor
    static func h13() async throws {
        let dir = try tempDir("inkan-recover")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = VaultFile(directory: dir)
        let keyStore = SwitchableKeyStore(TestKeyStore())
        let code = try await firstStartVault(dir, keyStore: keyStore)
        let firstKey = try XCTUnwrap(keyStore.wrapped.last)

        // Restored device: the Keychain has no key for the slot.
        keyStore.inner = TestKeyStore()
        do {
            let state = AppState(vaultFile: file, keyStore: keyStore, clock: CountingClock(NOW))
            XCTAssertTrue(isUnlock(state.start()), "the key store cannot open it: the password screen")

            // A wrong and an empty recovery code: a clear message, nothing opens.
            do {
                _ = try await state.unlock(recoveryCode: "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789")
                XCTFail("a wrong recovery code opened the vault")
            } catch let error as InkanError {
                guard case .WrongPassword = error else { return XCTFail("\(error)") }
                XCTAssertEqual(error.displayReason, VaultTexts.wrongRecoveryCode)
                XCTAssertTrue(error.displayReason.contains("recovery code"), error.displayReason)
            }
            do {
                _ = try await state.unlock(recoveryCode: "  ")
                XCTFail("an empty recovery code was tried")
            } catch InkanError.InvalidInput(let reason) {
                XCTAssertEqual(reason, VaultTexts.noRecoveryCode)
            }
            XCTAssertNil(state.accounts)
            XCTAssertTrue(isUnlock(state.start()))

            // The right code (as typed, lower case): the new password comes first.
            let step = try await state.unlock(recoveryCode: code.lowercased())
            XCTAssertEqual(step, .newPassword)
            XCTAssertEqual(state.start(), .newPassword, "a start (foreground, notification) keeps the step")
            XCTAssertNil(state.accounts, "no account list before the new password")
            XCTAssertNil(state.pushClient)
            for (password, again, expected) in [("short", "short", "at least 8"),
                                                (NEW_PASSWORD, NEW_PASSWORD + "!", "differ")] {
                do {
                    _ = try await state.setNewPassword(password: password, confirmation: again)
                    XCTFail("new password \(password)/\(again) taken")
                } catch InkanError.InvalidInput(let reason) {
                    XCTAssertTrue(reason.contains(expected), reason)
                }
                XCTAssertEqual(state.start(), .newPassword)
                XCTAssertNil(state.accounts)
            }
            let opened = try await state.setNewPassword(password: NEW_PASSWORD, confirmation: NEW_PASSWORD)
            XCTAssertEqual(opened, .open)
            XCTAssertNil(state.keyStoreNotice)
            XCTAssertEqual(try state.accounts?.vault.accounts().map(\.info.label), ["RFC6238 (sha1)"])
            XCTAssertEqual(keyStore.wrapped.count, 2, "a new key store slot")
            XCTAssertEqual(keyStore.deleted, [firstKey], "the old slot's key is deleted")
        }

        // Next launch: through the new key store slot, no password.
        do {
            let next = AppState(vaultFile: file, keyStore: keyStore, clock: CountingClock(NOW))
            XCTAssertEqual(next.start(), .open)
            XCTAssertEqual(try next.accounts?.vault.accounts().count, 1)
        }
        XCTAssertThrowsError(try file.open(password: GOOD_PASSWORD), "the old password no longer opens it") {
            guard case InkanError.WrongPassword = $0 else { return XCTFail("\($0)") }
        }
        do {
            let vault = try file.open(password: NEW_PASSWORD)
            XCTAssertEqual(try vault.accounts().count, 1)
        }
        do {
            let recovered = try file.open(recoveryCode: code)
            _ = recovered
        }
        // The recovery code is unchanged: it opens the vault again (and a new password
        // can be set again).
        let state = AppState(vaultFile: file, keyStore: RefusingKeyStore(), clock: CountingClock(NOW))
        XCTAssertTrue(isUnlock(state.start()))
        let again = try await state.unlock(recoveryCode: code)
        XCTAssertEqual(again, .newPassword)
    }

    /// H13: the app dies after the recovery-code open, before the new password: nothing was
    /// changed, the next start asks again (the key store was not given a slot, so the vault
    /// does not open without a password the user knows).
    func testH13DiesBeforeNewPassword() async throws { try await Self.h13Dies() }

    @MainActor
    static func h13Dies() async throws {
        let dir = try tempDir("inkan-recover-dies")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = VaultFile(directory: dir)
        let keyStore = SwitchableKeyStore(TestKeyStore())
        let code = try await firstStartVault(dir, keyStore: keyStore)
        keyStore.inner = TestKeyStore()
        do {
            let state = AppState(vaultFile: file, keyStore: keyStore, clock: CountingClock(NOW))
            XCTAssertTrue(isUnlock(state.start()))
            let step = try await state.unlock(recoveryCode: code)
            XCTAssertEqual(step, .newPassword)
        }
        XCTAssertEqual(keyStore.wrapped.count, 1, "no key store slot before the new password")
        let next = AppState(vaultFile: file, keyStore: keyStore, clock: CountingClock(NOW))
        XCTAssertTrue(isUnlock(next.start()))
        try await next.unlock(password: GOOD_PASSWORD)
        XCTAssertNotNil(next.accounts, "the old password still opens it")
    }

    /// H14 (InkanKit): after a password open with a refusing key store, renewing the slot
    /// with the refusing one reports it; with a working key store the next key store open
    /// succeeds.
    func testH14KeyStoreRenewedAfterPasswordOpen() throws {
        let dir = try tempDir("inkan-renew")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = VaultFile(directory: dir)
        let pending = try file.create(password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD, keyStore: TestKeyStore())
        XCTAssertNotNil(openedVault(try pending.confirmSaved()))
        guard case .needPassword = file.start(keyStore: RefusingKeyStore()) else {
            return XCTFail("a refusing key store must lead to the password")
        }
        let working = TestKeyStore()
        do {
            let vault = try file.open(password: GOOD_PASSWORD)
            let notice = try XCTUnwrap(KeyStoreRenewal.renew(vault, keyStore: RefusingKeyStore()))
            XCTAssertTrue(notice.contains("Keychain") && notice.contains("password"), notice)
            XCTAssertTrue(notice.contains("no Keychain"), "names the reason: \(notice)")
            XCTAssertEqual(try vault.accounts().count, 0, "the vault stays open")
            XCTAssertNil(KeyStoreRenewal.renew(vault, keyStore: nil), "no key store: nothing to say")
            XCTAssertNil(KeyStoreRenewal.renew(vault, keyStore: working))
        }
        XCTAssertNotNil(openedVault(file.start(keyStore: working)), "the next key store open succeeds")
        XCTAssertNotNil(try file.open(password: GOOD_PASSWORD), "the password still opens it")
    }

    /// H14 through AppState: the Keychain key is invalidated (it refuses to unwrap) → the
    /// password opens the vault and the key store gets a new slot (old key deleted), so the
    /// next start needs no password; a key store that refuses entirely: the vault opens
    /// with a notice and the next start asks again.
    func testH14AppStateRenewsKeyStore() async throws { try await Self.h14AppState() }

    @MainActor
    static func h14AppState() async throws {
        let dir = try tempDir("inkan-renew-app")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = VaultFile(directory: dir)
        let keyStore = SwitchableKeyStore(TestKeyStore())
        _ = try await firstStartVault(dir, keyStore: keyStore)

        // Refused entirely (no usable Keychain): opens, says so, the next start asks again.
        keyStore.inner = RefusingKeyStore()
        do {
            let state = AppState(vaultFile: file, keyStore: keyStore, clock: CountingClock(NOW))
            XCTAssertTrue(isUnlock(state.start()))
            do {
                try await state.unlock(password: "wrong password")
                XCTFail("a wrong password opened the vault")
            } catch InkanError.WrongPassword {}
            XCTAssertNil(state.keyStoreNotice)
            try await state.unlock(password: GOOD_PASSWORD)
            XCTAssertNotNil(state.accounts)
            let notice = try XCTUnwrap(state.keyStoreNotice)
            XCTAssertTrue(notice.contains("ask for your password"), notice)
        }
        XCTAssertEqual(keyStore.wrapped.count, 1)
        XCTAssertTrue(isUnlock(AppState(vaultFile: file, keyStore: keyStore, clock: CountingClock(NOW)).start()))

        // Invalidated key, new keys possible (biometric change): renewed, old key deleted.
        let invalidated = UnwrapRefusingKeyStore()
        keyStore.inner = invalidated
        let oldKey = try XCTUnwrap(keyStore.wrapped.last)
        do {
            let state = AppState(vaultFile: file, keyStore: keyStore, clock: CountingClock(NOW))
            XCTAssertTrue(isUnlock(state.start()))
            try await state.unlock(password: GOOD_PASSWORD)
            XCTAssertNil(state.keyStoreNotice)
            XCTAssertEqual(keyStore.wrapped.count, 2)
            XCTAssertEqual(keyStore.deleted, [oldKey])
        }
        keyStore.inner = invalidated.inner  // the new key unwraps again
        let next = AppState(vaultFile: file, keyStore: keyStore, clock: CountingClock(NOW))
        XCTAssertEqual(next.start(), .open, "the next start needs no password")
        XCTAssertEqual(try next.accounts?.vault.accounts().count, 1)
    }
}
