// The shell scenarios of tests/shell-scenarios.md (H1–H6) for iOS: InkanKit on Linux,
// calling the real Rust library.
import Foundation
import XCTest
import InkanCore
@testable import InkanKit

let RFC_SHA1 = "otpauth://totp/RFC6238:sha1?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=30&issuer=RFC6238"
let MIGRATION_MD5 = "otpauth-migration://offline?data=CiwKFDRJiMQxwIXjd9MFXrhxhqg%2FFj14EgRrYXRlGghHb29kIE9uZSABKAEwAgomChCCLZiiK2t0SN0zlHjgtiefEgNsZW8aB09sZCBNRDUgBCgBMAIKLAoU85HX%2Fukq9jTZxbeR2Mls2%2FSoi2kSBG1heWEaCEdvb2QgVHdvIAIoATACEAEYASi1ldCg%2Bv%2F%2F%2F%2F8B"
let BAD_SECRET = "otpauth://totp/X:a?secret=SUPERSECRET1&issuer=X"
let PAIR_LINK = "https://auth.example.com/.well-known/inkan/pair#otpauth%3A%2F%2Ftotp%2FA%3Aa%3Fsecret%3DJBSWY3DPEHPK3PXP"
let PUSH_LINK = "pia://pipush/PIPU000058DF?url=https%3A//pi.example.com/ttype/push&ttl=10&issuer=privacyIDEA&enrollment_credential=ee203e52e28a952aac2779bd2525ad935888a4eb&v=1&serial=PIPU000058DF&sslverify=0"
let NOW: Int64 = 1_795_764_920

let RFC_OTHER_SECRET = "otpauth://totp/RFC6238:sha1?secret=JBSWY3DPEHPK3PXP&digits=8&period=30&issuer=RFC6238"

func pushRecord(_ nonce: String = "N1", options: [String]? = ["17", "42", "93"], serial: String = "PIPU0001") -> PushChallenge {
    PushChallenge(nonce: nonce, serial: serial, title: "privacyIDEA", question: "Sign in to VPN?", options: options, expiresIn: 90)
}

let VPN_TOKEN = PushTokenInfo(serial: "PIPU0001", label: "alice", issuer: "VPN", pairedAt: NOW)

func route(_ link: String) -> Route { LinkRouter.route(link, nowUnix: NOW) }

final class CountingClock: InkanCore.Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    let now: Int64
    init(_ now: Int64) { self.now = now }
    func nowUnix() throws -> Int64 { lock.lock(); count += 1; lock.unlock(); return now }
    var calls: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// The tests' KeyStore: wrapping keys in memory, XOR "wrapping" (the vault's own AEAD
/// protects the data; this only stands in for the Keychain slot).
final class TestKeyStore: KeyStore, @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [String: [UInt8]] = [:]
    private(set) var wraps = 0

    func wrapKey(keyId: String, key: Data) throws -> Data {
        lock.lock(); defer { lock.unlock() }
        wraps += 1
        let kek = keys[keyId] ?? (0..<max(key.count, 1)).map { _ in UInt8.random(in: 0...255) }
        keys[keyId] = kek
        return Data([0x49]) + Data(key.enumerated().map { $0.element ^ kek[$0.offset % kek.count] })
    }

    func unwrapKey(keyId: String, wrapped: Data) throws -> Data {
        lock.lock(); defer { lock.unlock() }
        guard let kek = keys[keyId] else { throw CallbackError.NotFound }
        guard wrapped.first == 0x49 else { throw CallbackError.Mismatch }
        return Data(wrapped.dropFirst().enumerated().map { $0.element ^ kek[$0.offset % kek.count] })
    }

    func deleteKey(keyId: String) throws {
        lock.lock(); defer { lock.unlock() }
        keys[keyId] = nil
    }
}

/// An AccountList over a fresh vault (test KeyStore) in its own temp directory.
func vaultList(_ clock: InkanCore.Clock) throws -> AccountList {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inkan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let created = try Vault.create(path: Vault.path(in: dir), password: "pw", keyStore: TestKeyStore())
    return AccountList(vault: created.authenticator, clock: clock)
}

func confirmation(_ link: String, file: StaticString = #filePath, line: UInt = #line) -> AddConfirmation? {
    guard case .addAccounts(let c) = route(link) else {
        XCTFail("not an add route", file: file, line: line)
        return nil
    }
    return c
}

final class ShellTests: XCTestCase {
    func testH1CodeFormatting() {
        XCTAssertEqual(CodeFormat.group("94287082"), "9428 7082")
        XCTAssertEqual(CodeFormat.group("866714"), "866 714")
        XCTAssertEqual(CodeFormat.group("1234567"), "123 4567")
        XCTAssertEqual(CodeFormat.group("5K2PQ"), "5K2PQ")
        XCTAssertEqual(CodeFormat.hidden(length: 6), "••• •••")
    }

    func testH2AccountList() throws {
        let clock = CountingClock(59)
        let list = try vaultList(clock)
        let summary = try list.confirm(try XCTUnwrap(confirmation(RFC_SHA1)))
        XCTAssertEqual(summary.added, 1)
        XCTAssertEqual(clock.calls, 1)
        let state = try list.state(deviceLocked: false)
        XCTAssertEqual(state.rows.count, 1)
        let row = state.rows[0]
        XCTAssertEqual(row.label, "RFC6238 (sha1)")
        XCTAssertEqual(row.code, "9428 7082")
        XCTAssertEqual(row.remainingSeconds, 1)
        XCTAssertEqual(try XCTUnwrap(row.progress), 1.0 / 30, accuracy: 1e-9)
        XCTAssertEqual(state.refreshInSeconds, 1)
        XCTAssertEqual(clock.calls, 2)

        let locked = try list.state(deviceLocked: true)
        XCTAssertEqual(locked.rows.first?.code, "•••• ••••")
        XCTAssertNil(locked.rows.first?.remainingSeconds)
        XCTAssertEqual(clock.calls, 2, "the clock must not be read while locked")
    }

    func testH3LinkRouting() throws {
        XCTAssertEqual(confirmation(RFC_SHA1)?.items, [ConfirmItem(issuer: "RFC6238", account: "sha1")])
        let migration = try XCTUnwrap(confirmation(MIGRATION_MD5))
        XCTAssertEqual(migration.items.count, 2)
        XCTAssertEqual(migration.skipped.count, 1)
        XCTAssertTrue(migration.skipped[0].hasPrefix("leo: "), migration.skipped[0])

        guard case .rejected(let reason) = route(BAD_SECRET) else { return XCTFail("accepted") }
        XCTAssertTrue(reason.contains("base32"), reason)
        XCTAssertFalse(reason.contains("SUPERSECRET"), reason)
        let paired = try XCTUnwrap(confirmation(PAIR_LINK))
        XCTAssertEqual(paired.fromHost, "auth.example.com")
        XCTAssertEqual(paired.items, [ConfirmItem(issuer: "A", account: "a")])
        guard case .pair(let info, _) = route(PUSH_LINK) else { return XCTFail("not a pairing route") }
        XCTAssertEqual(info.serverHost, "pi.example.com")
        guard case .rejected = route("https://auth.example.com/pair") else { return XCTFail("other path accepted") }
        guard case .rejected = route(PAIR_LINK.replacingOccurrences(of: "https:", with: "http:")) else {
            return XCTFail("http accepted")
        }
        guard case .rejected = route("mailto:a@b") else { return XCTFail("mailto accepted") }
    }

    func testH4Confirmation() throws {
        let list = try vaultList(CountingClock(59))
        let confirm = try XCTUnwrap(confirmation(RFC_SHA1))
        XCTAssertEqual(list.count, 0)
        XCTAssertEqual(try list.confirm(confirm).added, 1)
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(try list.confirm(confirm), AddSummary(), "a second accept adds nothing")

        let cancelled = try XCTUnwrap(confirmation(RFC_SHA1))
        cancelled.cancel()
        XCTAssertEqual(try list.confirm(cancelled), AddSummary())
        XCTAssertEqual(list.count, 1)

        XCTAssertEqual(try list.confirm(try XCTUnwrap(confirmation(RFC_SHA1))).existing, 1)
        XCTAssertEqual(list.count, 1)
        let other = try list.confirm(try XCTUnwrap(confirmation(RFC_OTHER_SECRET)))
        XCTAssertEqual(other.duplicateKept, ["RFC6238 (sha1)"])
        XCTAssertEqual(list.count, 2)
    }

    /// H2 on disk: the vault: created with a test KeyStore in a temp dir, an account added
    /// through the confirm flow, reopened through the KeyStore, the RFC 6238 code at T=59.
    func testH2VaultReopenedThroughKeyStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inkan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = Vault.path(in: dir)
        let keyStore = TestKeyStore()
        do {
            let created = try Vault.create(path: path, password: "correct horse", keyStore: keyStore)
            XCTAssertFalse(created.recoveryCode.isEmpty)
            let list = AccountList(vault: created.authenticator, clock: CountingClock(59))
            XCTAssertEqual(try list.confirm(try XCTUnwrap(confirmation(RFC_SHA1))).added, 1)
        }
        XCTAssertEqual(keyStore.wraps, 1)
        let vault = try Vault.open(path: path, keyStore: keyStore)
        let accounts = try vault.accounts()
        XCTAssertEqual(accounts.map(\.info.label), ["RFC6238 (sha1)"])
        let codes = try vault.codesAt(unixSeconds: 59)
        XCTAssertEqual(codes.first?.code?.text, "94287082")
        let list = AccountList(vault: vault, clock: CountingClock(1_111_111_109))
        XCTAssertEqual(try list.state(deviceLocked: false).rows.first?.code, "0708 1804")
    }

    func testH5NotificationText() {
        let text = NotificationTexts.signIn
        XCTAssertEqual(text.title, "Sign-in request")
        for hidden in ["17", "42", "93", "Sign in to VPN?", "VPN", "alice", "PIPU0001", "privacyIDEA"] {
            XCTAssertFalse(text.body.contains(hidden), text.body)
        }
        XCTAssertEqual(text.hiddenPreviewPlaceholder, "Sign-in request")
        XCTAssertEqual(NotificationTexts.accountName(VPN_TOKEN), "VPN: alice")

        let inbox = PushInbox()
        let poll = PushPoll(challenges: [pushRecord("N1"), pushRecord("N2")], muted: [pushRecord("M1")], dropped: [])
        XCTAssertEqual(inbox.update(poll).map(\.nonce), ["N1", "N2"])
        XCTAssertEqual(inbox.update(poll), [], "announced once")
        XCTAssertTrue(inbox.mutedSeen)
        XCTAssertEqual(inbox.find(nonce: "N2")?.nonce, "N2")
        inbox.remove(nonce: "N1")
        XCTAssertEqual(inbox.challenges.map(\.nonce), ["N2"])
        inbox.acknowledgeMuted()
        inbox.update(PushPoll(challenges: [], muted: [], dropped: []))
        XCTAssertFalse(inbox.mutedSeen)
        XCTAssertNil(inbox.find(nonce: nil))
    }

    func testH6Approval() throws {
        var choose = ApprovalState(challenge: pushRecord(), token: VPN_TOKEN)
        XCTAssertEqual(choose.mode, .chooseOne)
        XCTAssertEqual(choose.account, "VPN: alice")
        XCTAssertEqual(choose.choices, ["17", "42", "93"])
        XCTAssertEqual(choose.question, "Sign in to VPN?")
        XCTAssertFalse(choose.canApprove)
        XCTAssertNil(choose.approve())
        choose.choose("55")
        XCTAssertFalse(choose.canApprove)
        choose.choose("42")
        let approve = try XCTUnwrap(choose.approve())
        XCTAssertEqual(approve, .approve(number: "42"))
        XCTAssertTrue(approve.needsPresence)
        XCTAssertNil(choose.approve(), "one decision per challenge")
        XCTAssertNil(choose.deny())

        var typeIn = ApprovalState(challenge: pushRecord(options: ["09", "84", "01"]), token: nil, typeIn: true)
        XCTAssertEqual(typeIn.mode, .typeIn)
        XCTAssertEqual(typeIn.choices, [], "type-in shows no options")
        XCTAssertEqual(typeIn.account, "PIPU0001")
        typeIn.type("0-9 7")
        XCTAssertEqual(typeIn.typed, "09")
        XCTAssertEqual(typeIn.approve(), .approve(number: "09"))
        var letters = ApprovalState(challenge: pushRecord(options: ["A", "K", "Q"]), token: nil, typeIn: true)
        letters.type("k")
        XCTAssertEqual(letters.approve(), .approve(number: "K"))

        var plain = ApprovalState(challenge: pushRecord(options: nil), token: VPN_TOKEN)
        XCTAssertEqual(plain.mode, .none)
        XCTAssertTrue(plain.canApprove)
        XCTAssertEqual(plain.approve(), .approve(number: nil))
        var deny = ApprovalState(challenge: pushRecord(), token: VPN_TOKEN)
        XCTAssertFalse(try XCTUnwrap(deny.deny()).needsPresence)
        var report = ApprovalState(challenge: pushRecord(), token: VPN_TOKEN)
        XCTAssertFalse(try XCTUnwrap(report.report()).needsPresence)
        XCTAssertTrue(PresenceSigner.needsPresence(.approve))
        XCTAssertFalse(PresenceSigner.needsPresence(.poll) || PresenceSigner.needsPresence(.deny))

        // What the screen says after sending.
        XCTAssertEqual(Answering.outcome(approve, .success(true)).message, "Sign-in approved")
        XCTAssertTrue(Answering.outcome(.report, .success(true)).message.contains("someone may know your password"))
        let expired = Answering.outcome(approve, .success(false))
        XCTAssertFalse(expired.success)
        XCTAssertTrue(expired.message.contains("expired"), expired.message)
        let blocked = Answering.outcome(approve, .failure(InkanError.ChallengeRejected(reason: "wrong number: the sign-in is blocked")))
        XCTAssertTrue(blocked.message.contains("wrong number"), blocked.message)
        XCTAssertFalse(blocked.stillOpen)
        let cancelled = Answering.outcome(approve, .failure(InkanError.Cancelled(reason: "the approval was not confirmed on this device; nothing was sent")))
        XCTAssertTrue(cancelled.stillOpen && !cancelled.success)
        XCTAssertTrue(cancelled.message.contains("try again"), cancelled.message)
        let offline = Answering.outcome(.deny, .failure(InkanError.Network(reason: "timed out")))
        XCTAssertTrue(offline.message.contains("could not be reached") && offline.message.contains("timed out"), offline.message)
    }
}
