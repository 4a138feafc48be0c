// Push approval through the real Rust PushClient (H9 of tests/shell-scenarios.md): the
// vault's client (`Authenticator.pushClient`) with a Swift HttpTransport that plays the
// server (bodies signed by the Rust PushTestServer, feature `testing`) and the app's own
// PresenceSigner over software token keys (Rust TestTokenKey: Linux has no Keychain) and a
// presence stub standing in for the Secure Enclave Face ID step.
import Foundation
import XCTest
import InkanCore
@testable import InkanKit

let PUSH_URL = "https://pi.example.com/ttype/push"
let PUSH_SERIAL = "PIPU000058DF"

func formField(_ body: String, _ key: String) -> String? {
    for kv in body.split(separator: "&") where kv.hasPrefix("\(key)=") {
        return String(kv.dropFirst(key.count + 1))
    }
    return nil
}

/// The privacyIDEA server as the transport sees it: GET → the open challenges; POST with
/// `pubkey` → rollout; other POSTs are answers (`decline` closes; `presence_answer` closes
/// when it is the right number).
final class FakePushServer: HttpTransport, @unchecked Sendable {  // state guarded by lock
    let keys: PushTestServer
    private let lock = NSLock()
    private var open: [TestChallenge] = []
    private var sent: [String] = []
    var correct: String?
    /// Thrown instead of answering (no response: offline).
    var fail: Error?

    init(_ keys: PushTestServer) { self.keys = keys }

    func offer(_ challenge: TestChallenge) { lock.lock(); open.append(challenge); lock.unlock() }
    var posts: [String] { lock.lock(); defer { lock.unlock() }; return sent }
    func clearPosts() { lock.lock(); sent.removeAll(); lock.unlock() }

    func send(request: HttpRequest) throws -> HttpResponse {
        lock.lock()
        defer { lock.unlock() }
        if let fail { throw fail }
        XCTAssertTrue(request.url.hasPrefix(PUSH_URL), request.url)
        if request.method == .get {
            return HttpResponse(status: 200, date: nil, body: try keys.pollResponse(challenges: open))
        }
        let body = String(decoding: request.body, as: UTF8.self)
        sent.append(body)
        if formField(body, "pubkey") != nil {
            return HttpResponse(status: 200, date: nil, body: keys.rolloutResponse())
        }
        let nonce = formField(body, "nonce")
        let close = formField(body, "decline") != nil || formField(body, "presence_answer") == correct
        let known = open.contains { $0.nonce == nonce }
        if close { open.removeAll { $0.nonce == nonce } }
        return HttpResponse(status: 200, date: nil, body: keys.answerResponse(recorded: known && close))
    }
}

/// Software token keys by alias (the Keychain's part on a device); records every signature.
final class TestKeys: TokenKeys, @unchecked Sendable {  // state guarded by lock
    private let lock = NSLock()
    private var keys: [String: TestTokenKey] = [:]
    private(set) var signed: [(alias: String, message: Data, signature: Data)] = []

    func key(_ alias: String) -> TestTokenKey? { lock.lock(); defer { lock.unlock() }; return keys[alias] }

    func publicKeyDer(alias: String) throws -> Data {
        lock.lock(); defer { lock.unlock() }
        if keys[alias] == nil { keys[alias] = try TestTokenKey() }
        return try keys[alias]!.publicKeyDer()
    }

    func sign(alias: String, message: Data) throws -> Data {
        lock.lock(); defer { lock.unlock() }
        guard let key = keys[alias] else { throw CallbackError.NotFound }
        let signature = try key.sign(message: message)
        signed.append((alias, message, signature))
        return signature
    }

    var last: (alias: String, message: Data, signature: Data)? { lock.lock(); defer { lock.unlock() }; return signed.last }

    /// Every alias `delete` was called with, in order.
    private(set) var deletedAliases: [String] = []
    /// Thrown by `delete` (a Keychain that refuses).
    var deleteFailure: Error?

    var deleted: [String] { lock.lock(); defer { lock.unlock() }; return deletedAliases }

    func delete(alias: String) throws {
        lock.lock(); defer { lock.unlock() }
        deletedAliases.append(alias)
        if let deleteFailure { throw deleteFailure }
        keys[alias] = nil
    }
}

/// The Face ID step: records what it was asked to confirm; `cancel` plays the user
/// dismissing the prompt.
final class StubPresence: Presence, @unchecked Sendable {  // state guarded by lock
    private let lock = NSLock()
    private var asked: [String] = []
    var cancel = false

    var messages: [String] { lock.lock(); defer { lock.unlock() }; return asked }

    func confirm(message: Data) throws {
        lock.lock(); defer { lock.unlock() }
        asked.append(String(decoding: message, as: UTF8.self))
        if cancel { throw CallbackError.Denied(reason: "Face ID cancelled") }
    }
}

func offered(_ nonce: String, _ options: String?) -> TestChallenge {
    TestChallenge(nonce: nonce, question: "Sign in to VPN?", options: options, tamperedQuestion: nil)
}

/// A vault in a temp dir with its push client, paired through the confirm route of PUSH_LINK.
struct PairedVault: Sendable {
    let dir: URL
    let keyStore: TestKeyStore
    let vault: Authenticator
    let client: PushClient
    let server: FakePushServer
    let keys: TestKeys
    let presence: StubPresence
    let token: PushTokenInfo
    let alias = "inkan-push-test"
}

final class PushShellTests: XCTestCase {
    // One server key for the suite (RSA key generation takes about a second).
    nonisolated(unsafe) static var serverKey: PushTestServer?

    static func paired() async throws -> PairedVault {
        if Self.serverKey == nil { Self.serverKey = try PushTestServer(url: PUSH_URL, serial: PUSH_SERIAL) }
        let server = FakePushServer(Self.serverKey!)
        server.correct = "84"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inkan-push-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let keyStore = TestKeyStore()
        let vault = try Vault.create(path: Vault.path(in: dir), password: "pw", keyStore: keyStore).authenticator
        let keys = TestKeys()
        let presence = StubPresence()
        let client = vault.pushClient(transport: server, signer: PresenceSigner(keys: keys, presence: presence),
                                      clock: CountingClock(NOW))
        guard case .pair(let info, let enrollment) = route(PUSH_LINK) else { throw XCTSkip("no pairing route") }
        XCTAssertEqual(info.serial, PUSH_SERIAL)
        let token = try await client.rollout(enrollment: enrollment, keyAlias: "inkan-push-test")
        XCTAssertEqual(token.serial, PUSH_SERIAL)
        XCTAssertEqual(server.posts.count, 1)
        XCTAssertNotNil(formField(server.posts[0], "pubkey"))
        XCTAssertEqual(presence.messages, [], "pairing asks for no presence")
        server.clearPosts()
        return PairedVault(dir: dir, keyStore: keyStore, vault: vault, client: client, server: server,
                           keys: keys, presence: presence, token: token)
    }

    @MainActor
    static func model(_ p: PairedVault, _ inbox: PushInbox, typeIn: Bool = false) async throws -> ApprovalModel {
        inbox.update(try await p.client.poll())
        let challenge = try XCTUnwrap(inbox.find(nonce: nil))
        return ApprovalModel(client: p.client, challenge: challenge, token: p.token, typeIn: typeIn, inbox: inbox)
    }

    /// H9a: poll (signed, no prompt) → choose the right number → presence → the token key
    /// signs → the server records it.
    func testH9aApproveThroughPushClient() async throws { try await Self.h9aApproveThroughPushClient() }

    @MainActor
    static func h9aApproveThroughPushClient() async throws {
        let p = try await Self.paired()
        defer { try? FileManager.default.removeItem(at: p.dir) }
        XCTAssertEqual(try p.vault.pushTokens().map(\.serial), [PUSH_SERIAL])
        p.server.offer(offered("N1", "09,84,01"))
        let inbox = PushInbox()
        let approval = try await Self.model(p, inbox)
        XCTAssertEqual(inbox.challenges.count, 1)
        let poll = try XCTUnwrap(p.keys.last)
        XCTAssertTrue(String(decoding: poll.message, as: UTF8.self).hasPrefix("\(PUSH_SERIAL)|"))
        XCTAssertEqual(p.presence.messages, [], "a poll signs without a prompt")
        XCTAssertEqual(approval.state.mode, .chooseOne)
        XCTAssertEqual(approval.state.choices, ["09", "84", "01"])
        XCTAssertEqual(approval.state.account, "privacyIDEA: PIPU000058DF")

        approval.choose("84")
        let sent = await approval.approve()
        let outcome = try XCTUnwrap(sent)
        XCTAssertEqual(outcome, Outcome(message: "Sign-in approved", success: true))
        XCTAssertEqual(p.presence.messages, ["N1|\(PUSH_SERIAL)|84"], "presence first, over the same message")
        let signed = try XCTUnwrap(p.keys.last)
        XCTAssertEqual(signed.alias, p.alias)
        XCTAssertEqual(String(decoding: signed.message, as: UTF8.self), "N1|\(PUSH_SERIAL)|84")
        XCTAssertTrue(try XCTUnwrap(p.keys.key(p.alias)).verify(message: signed.message, signature: signed.signature))
        XCTAssertEqual(p.server.posts.count, 1)
        XCTAssertEqual(formField(p.server.posts[0], "presence_answer"), "84")
        XCTAssertTrue(inbox.challenges.isEmpty, "an answered challenge leaves the inbox")
        let again = await approval.approve()
        XCTAssertNil(again, "one answer per challenge")
    }

    /// H9b: deny and "this wasn't me" sign without the presence step and send the reason.
    func testH9bDenyAndReportNeedNoPresence() async throws { try await Self.h9bDenyAndReportNeedNoPresence() }

    @MainActor
    static func h9bDenyAndReportNeedNoPresence() async throws {
        let p = try await Self.paired()
        defer { try? FileManager.default.removeItem(at: p.dir) }
        p.server.offer(offered("N3", nil))
        let inbox = PushInbox()
        let deny = try await Self.model(p, inbox)
        XCTAssertEqual(deny.state.mode, .none)
        let denySent = await deny.deny()
        let denied = try XCTUnwrap(denySent)
        XCTAssertEqual(denied, Outcome(message: "Sign-in denied", success: true))
        XCTAssertEqual(formField(p.server.posts[0], "decline"), "1")
        XCTAssertEqual(formField(p.server.posts[0], "decline_reason"), "cancelled")

        p.server.offer(offered("N4", "09,84,01"))
        let report = try await Self.model(p, inbox)
        let reportSent = await report.report()
        let reported = try XCTUnwrap(reportSent)
        XCTAssertTrue(reported.success && reported.message.contains("someone may know your password"), reported.message)
        XCTAssertEqual(formField(p.server.posts[1], "decline_reason"), "unknown_trigger")
        XCTAssertTrue(String(decoding: try XCTUnwrap(p.keys.last).message, as: UTF8.self).hasPrefix("N4|\(PUSH_SERIAL)|decline"))
        XCTAssertEqual(p.presence.messages, [], "deny needs no presence (SEC-P6)")
    }

    /// H9c: Face ID cancelled → `InkanError.Cancelled`: the token key signs no answer,
    /// nothing is sent, the challenge stays open (core signs before it claims the nonce) and
    /// the screen lets the user try again, which goes through.
    func testH9cCancelledPresenceSendsNothing() async throws { try await Self.h9cCancelledPresenceSendsNothing() }

    @MainActor
    static func h9cCancelledPresenceSendsNothing() async throws {
        let p = try await paired()
        defer { try? FileManager.default.removeItem(at: p.dir) }
        p.server.offer(offered("N1", "09,84,01"))
        let inbox = PushInbox()
        let approval = try await Self.model(p, inbox)
        p.presence.cancel = true
        approval.choose("84")
        let sent = await approval.approve()
        let cancelled = try XCTUnwrap(sent)
        XCTAssertFalse(cancelled.success)
        XCTAssertTrue(cancelled.stillOpen)
        XCTAssertTrue(cancelled.message.contains("Face ID") && cancelled.message.contains("nothing was sent"), cancelled.message)
        XCTAssertEqual(p.presence.messages, ["N1|\(PUSH_SERIAL)|84"])
        let answers = p.keys.signed.filter { String(decoding: $0.message, as: UTF8.self).hasPrefix("N1|") }
        XCTAssertEqual(answers.count, 0, "the token key signed no answer")
        XCTAssertEqual(p.server.posts, [])
        XCTAssertEqual(inbox.challenges.map(\.nonce), ["N1"], "still open")

        p.presence.cancel = false
        XCTAssertTrue(approval.state.canApprove, "the user may try again")
        let second = await approval.approve()
        let approved = try XCTUnwrap(second)
        XCTAssertTrue(approved.success, approved.message)
        XCTAssertEqual(p.presence.messages.count, 2)
        XCTAssertEqual(p.server.posts.count, 1)
        XCTAssertEqual(formField(p.server.posts[0], "presence_answer"), "84")
        XCTAssertTrue(inbox.challenges.isEmpty)
    }

    /// H9d: a wrong pick → core declines the challenge (SEC-P5, one pick) and says so.
    func testH9dWrongNumberBlocksTheSignIn() async throws { try await Self.h9dWrongNumberBlocksTheSignIn() }

    @MainActor
    static func h9dWrongNumberBlocksTheSignIn() async throws {
        let p = try await Self.paired()
        defer { try? FileManager.default.removeItem(at: p.dir) }
        p.server.offer(offered("N1", "09,84,01"))
        let inbox = PushInbox()
        let approval = try await Self.model(p, inbox)
        approval.choose("09")
        let sent = await approval.approve()
        let outcome = try XCTUnwrap(sent)
        XCTAssertFalse(outcome.success)
        XCTAssertTrue(outcome.message.contains("wrong number"), outcome.message)
        XCTAssertEqual(p.server.posts.count, 2)
        XCTAssertEqual(formField(p.server.posts[1], "decline"), "1")
        XCTAssertTrue(inbox.challenges.isEmpty)
        let after = try await p.client.poll()
        XCTAssertEqual(after.challenges, [], "nothing left to answer")
    }

    /// H9e: the token lives in the vault: after a restart (vault reopened through the key
    /// store) it is listed and polled with the same key alias.
    func testH9eTokenSurvivesRestart() async throws {
        var p: PairedVault? = try await Self.paired()
        let dir = p!.dir, keyStore = p!.keyStore, keys = p!.keys, server = p!.server
        defer { try? FileManager.default.removeItem(at: dir) }
        p = nil  // releases the vault and its client: the file lock goes with them
        let vault = try Vault.open(path: Vault.path(in: dir), keyStore: keyStore)
        XCTAssertEqual(try vault.pushTokens().map(\.serial), [PUSH_SERIAL])
        let client = vault.pushClient(transport: server, signer: PresenceSigner(keys: keys, presence: StubPresence()),
                                      clock: CountingClock(NOW))
        server.offer(offered("N5", nil))
        let polled = try await client.poll()
        XCTAssertEqual(polled.challenges.map(\.nonce), ["N5"])
        XCTAssertEqual(keys.last?.alias, "inkan-push-test")
    }

    /// The Keychain exports bare PKCS#1; the SPKI wrapper gives back what privacyIDEA wants
    /// (checked against the Rust key's own SPKI).
    func testPublicKeyInfoWrapsPkcs1() throws {
        let spki = [UInt8](try TestTokenKey().publicKeyDer())
        // SPKI = SEQUENCE { AlgorithmIdentifier, BIT STRING { 0x00, RSAPublicKey } }
        var reader = DERReader(spki)
        var outer = try reader.element(tag: 0x30)
        XCTAssertEqual(try outer.element(tag: 0x30).bytes, Array(RSAPublicKeyInfo.algorithm.dropFirst(2)))
        let bits = try outer.element(tag: 0x03).bytes
        XCTAssertEqual(bits.first, 0)
        XCTAssertEqual([UInt8](RSAPublicKeyInfo.wrap(pkcs1: Data(bits.dropFirst()))), spki)
        XCTAssertEqual(RSAPublicKeyInfo.length(0x7f), [0x7f])
        XCTAssertEqual(RSAPublicKeyInfo.length(0x80), [0x81, 0x80])
        XCTAssertEqual(RSAPublicKeyInfo.length(0x020e), [0x82, 0x02, 0x0e])
    }
}

/// Just enough DER to take an SPKI apart in the test.
struct DERReader {
    var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    struct Bad: Error {}

    mutating func element(tag: UInt8) throws -> DERReader {
        guard bytes.count >= 2, bytes[0] == tag else { throw Bad() }
        var length = Int(bytes[1]), start = 2
        if length >= 0x80 {
            let n = length & 0x7f
            guard bytes.count >= 2 + n else { throw Bad() }
            length = bytes[2..<2 + n].reduce(0) { $0 << 8 | Int($1) }
            start = 2 + n
        }
        guard bytes.count >= start + length else { throw Bad() }
        let content = DERReader(Array(bytes[start..<start + length]))
        bytes = Array(bytes[(start + length)...])
        return content
    }
}
