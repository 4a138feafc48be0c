// Push scenarios S20–S26 of tests/scenarios.md: a Swift HttpTransport plays the server
// (bodies signed by the Rust PushTestServer); the Swift PushSigner keeps one Rust
// TestTokenKey per alias (Linux has no Secure Enclave) and records what Rust had it sign.
// The PushClient comes from an Authenticator on a vault in a temporary directory; both hold
// the vault's lock until their last reference goes. PUSH_LINK and NOW come from
// ScenarioTests.swift, vaultPath() from VaultScenarioTests.swift. PushClient's network
// calls are async.
import Foundation
import XCTest
import InkanCore

let PUSH_URL = "https://pi.example.com/ttype/push"
let PUSH_SERIAL = "PIPU000058DF"
let PUSH_ALIAS = "inkan-push-1"

func formField(_ body: String, _ key: String) -> String? {
    for kv in body.split(separator: "&") where kv.hasPrefix("\(key)=") {
        return String(kv.dropFirst(key.count + 1))
    }
    return nil
}

final class FakePushServer: HttpTransport, @unchecked Sendable {  // state guarded by lock
    let keys: PushTestServer
    let lock = NSLock()
    var challenges: [TestChallenge] = []
    var correct: String?
    var posts: [String] = []
    var polls: [String] = []
    var fail: Error?

    init(_ keys: PushTestServer) { self.keys = keys }

    func send(request: HttpRequest) throws -> HttpResponse {
        lock.lock()
        defer { lock.unlock() }
        if let fail { throw fail }
        if request.method == .get {
            polls.append(request.url)
            return HttpResponse(status: 200, date: nil, body: try keys.pollResponse(challenges: challenges))
        }
        let body = String(decoding: request.body, as: UTF8.self)
        posts.append(body)
        if formField(body, "pubkey") != nil {
            return HttpResponse(status: 200, date: nil, body: keys.rolloutResponse())
        }
        let nonce = formField(body, "nonce")
        let close = formField(body, "decline") != nil || formField(body, "presence_answer") == correct
        let known = challenges.contains { $0.nonce == nonce }
        if close { challenges.removeAll { $0.nonce == nonce } }
        return HttpResponse(status: 200, date: nil, body: keys.answerResponse(recorded: known && close))
    }
}

final class DelegatingSigner: PushSigner, @unchecked Sendable {  // state guarded by lock
    let lock = NSLock()
    var keys: [String: TestTokenKey] = [:]
    var signed: [(String, Data, Data)] = []
    var deny = false

    func key(_ alias: String) -> TestTokenKey? {
        lock.lock()
        defer { lock.unlock() }
        return keys[alias]
    }

    func publicKeyDer(keyAlias: String) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        if let key = keys[keyAlias] { return try key.publicKeyDer() }
        let key = try TestTokenKey()
        keys[keyAlias] = key
        return try key.publicKeyDer()
    }

    var purposes: [SignPurpose] = []

    func sign(keyAlias: String, message: Data, purpose: SignPurpose) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        // A phone prompts for approvals only (SEC-P6); `deny` plays the user cancelling.
        if deny && purpose == .approve { throw CallbackError.Denied(reason: "biometric prompt cancelled") }
        guard let key = keys[keyAlias] else { throw CallbackError.NotFound }
        let sig = try key.sign(message: message)
        signed.append((keyAlias, message, sig))
        purposes.append(purpose)
        return sig
    }
}

func pushChallenge(_ nonce: String, _ options: String?, tampered: String? = nil) -> TestChallenge {
    TestChallenge(nonce: nonce, question: "Sign in to VPN?", options: options, tamperedQuestion: tampered)
}

/// XCTAssertThrowsError for async calls.
func assertThrowsAsync(_ call: () async throws -> Void, _ check: (Error) -> Void) async {
    do {
        try await call()
        XCTFail("no error thrown")
    } catch {
        check(error)
    }
}

final class PushTests: XCTestCase {
    // One server key for the suite (RSA key generation takes about a second).
    nonisolated(unsafe) static var keys: PushTestServer?

    static func server() throws -> FakePushServer {
        if PushTests.keys == nil { PushTests.keys = try PushTestServer(url: PUSH_URL, serial: PUSH_SERIAL) }
        return FakePushServer(PushTests.keys!)
    }

    static func enrollment() throws -> PushEnrollment {
        guard case .push(let enrollment) = try openLink(link: PUSH_LINK, nowUnix: NOW) else {
            throw ShellBug()
        }
        return enrollment
    }

    // S20: rollout from the open_link enrollment, on a new vault.
    func paired() async throws -> (PushClient, FakePushServer, DelegatingSigner) {
        let server = try PushTests.server()
        let signer = DelegatingSigner()
        let auth = try createVault(path: try vaultPath(), password: "correct horse", keyStore: nil).authenticator
        let client = auth.pushClient(transport: server, signer: signer, clock: FixedClock(NOW))
        let info = try await client.rollout(enrollment: try PushTests.enrollment(), keyAlias: PUSH_ALIAS)
        XCTAssertEqual(info.serial, PUSH_SERIAL)
        XCTAssertEqual(info.pairedAt, NOW)
        XCTAssertEqual(server.posts.count, 1)
        XCTAssertEqual(formField(server.posts[0], "serial"), PUSH_SERIAL)
        XCTAssertNotNil(formField(server.posts[0], "pubkey"))
        XCTAssertNotNil(signer.key(PUSH_ALIAS))
        server.posts.removeAll()
        return (client, server, signer)
    }

    func testS20RolloutAndS21SignedChallengeReachesTheApp() async throws {
        let (client, server, signer) = try await paired()
        server.challenges.append(pushChallenge("N1", "09,84,01"))
        let poll = try await client.poll()
        XCTAssertEqual(poll.dropped, [])
        XCTAssertEqual(poll.challenges.count, 1)
        let c = poll.challenges[0]
        XCTAssertEqual(c.nonce, "N1")
        XCTAssertEqual(c.serial, PUSH_SERIAL)
        XCTAssertEqual(c.question, "Sign in to VPN?")
        XCTAssertEqual(c.title, "inkan test")
        XCTAssertEqual(c.options, ["09", "84", "01"])
        XCTAssertTrue((1...120).contains(c.expiresIn))
        XCTAssertEqual(signer.signed[0].0, PUSH_ALIAS)
        XCTAssertTrue(String(decoding: signer.signed[0].1, as: UTF8.self).hasPrefix("\(PUSH_SERIAL)|2026-"))
        XCTAssertTrue(server.polls[0].contains("signature="))
    }

    func testS22TamperedChallengeNeverReachesTheApp() async throws {
        let (client, server, _) = try await paired()
        server.challenges.append(pushChallenge("N2", "09,84,01", tampered: "Sign in to payroll?"))
        let poll = try await client.poll()
        XCTAssertTrue(poll.challenges.isEmpty && poll.muted.isEmpty)
        XCTAssertEqual(poll.dropped.count, 1)
        XCTAssertTrue(poll.dropped[0].contains("signature"), poll.dropped[0])
        await assertThrowsAsync({ _ = try await client.answerNumber(serial: PUSH_SERIAL, nonce: "N2", number: "84") }) { e in
            guard case InkanError.ChallengeRejected = e else { return XCTFail("\(e)") }
        }
        XCTAssertTrue(server.posts.isEmpty)
    }

    func testS23NumberNotOfferedIsRefusedLocallyAndARightOneIsSigned() async throws {
        let (client, server, signer) = try await paired()
        server.challenges.append(pushChallenge("N1", "09,84,01"))
        server.correct = "84"
        await assertThrowsAsync({ _ = try await client.answerNumber(serial: PUSH_SERIAL, nonce: "N1", number: "99") }) { e in
            guard case InkanError.ChallengeRejected = e else { return XCTFail("\(e)") }
        }
        XCTAssertTrue(server.posts.isEmpty)
        let accepted = try await client.answerNumber(serial: PUSH_SERIAL, nonce: "N1", number: "84")
        XCTAssertTrue(accepted)
        XCTAssertEqual(server.posts.count, 1)
        XCTAssertEqual(formField(server.posts[0], "presence_answer"), "84")
        let (alias, message, sig) = signer.signed.last!
        XCTAssertEqual(String(decoding: message, as: UTF8.self), "N1|\(PUSH_SERIAL)|84")
        XCTAssertTrue(signer.key(alias)!.verify(message: message, signature: sig))
    }

    func testS24WrongNumberBlocksTheSignInWithADecline() async throws {
        let (client, server, signer) = try await paired()
        server.challenges.append(pushChallenge("N1", "09,84,01"))
        server.correct = "84"
        await assertThrowsAsync({ _ = try await client.answerNumber(serial: PUSH_SERIAL, nonce: "N1", number: "09") }) { e in
            guard case InkanError.ChallengeRejected = e else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(server.posts.count, 2)
        XCTAssertEqual(formField(server.posts[1], "decline"), "1")
        // The pick was signed as an approval, the closing decline without a prompt (SEC-P6).
        XCTAssertEqual(Array(signer.purposes.suffix(2)), [.approve, .deny])
        let after = try await client.poll()
        XCTAssertTrue(after.challenges.isEmpty)
        server.challenges.append(pushChallenge("N3", nil))
        let denied = try await client.deny(serial: PUSH_SERIAL, nonce: "N3", reason: .notMe)
        XCTAssertTrue(denied)
    }

    func testS25ForeignExceptionsBecomeErrors() async throws {
        let (client, server, signer) = try await paired()
        server.fail = CallbackError.Failed(reason: "offline")
        await assertThrowsAsync({ _ = try await client.poll() }) { e in
            guard case InkanError.Network(let reason) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(reason.contains("offline"), reason)
        }
        server.fail = ShellBug()
        await assertThrowsAsync({ _ = try await client.poll() }) { e in
            guard case InkanError.Network = e else { return XCTFail("\(e)") }
        }
        server.fail = nil
        // The user cancels the biometric prompt: polls and denials need none and still work;
        // the approval fails as Cancelled and nothing is sent.
        signer.deny = true
        server.challenges.append(pushChallenge("N1", "09,84,01"))
        let polled = try await client.poll()
        XCTAssertEqual(polled.challenges.count, 1)
        let sent = server.posts.count
        await assertThrowsAsync({ _ = try await client.answerNumber(serial: PUSH_SERIAL, nonce: "N1", number: "84") }) { e in
            guard case InkanError.Cancelled(let reason) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(reason.contains("not confirmed"), reason)
        }
        XCTAssertEqual(server.posts.count, sent)
        let denied = try await client.deny(serial: PUSH_SERIAL, nonce: "N1", reason: .cancelled)
        XCTAssertTrue(denied)
        XCTAssertEqual(signer.purposes.last, .deny)
    }

    func testS26PushTokenSurvivesReopeningTheVault() async throws {
        let path = try vaultPath()
        let server = try PushTests.server()
        let signer = DelegatingSigner()
        do {
            let auth = try createVault(path: path, password: "correct horse", keyStore: nil).authenticator
            let client = auth.pushClient(transport: server, signer: signer, clock: FixedClock(NOW))
            _ = try await client.rollout(enrollment: try PushTests.enrollment(), keyAlias: PUSH_ALIAS)
        }
        // Both references are gone: the vault's lock is released, as after an app restart.
        let auth = try Authenticator.openWithPassword(path: path, password: "correct horse")
        let tokens = try auth.pushTokens()
        XCTAssertEqual(tokens.count, 1)
        XCTAssertEqual(tokens.first?.serial, PUSH_SERIAL)
        XCTAssertEqual(tokens.first?.pairedAt, NOW)
        let client = auth.pushClient(transport: server, signer: signer, clock: FixedClock(NOW))
        server.challenges.append(pushChallenge("N1", "09,84,01"))
        let poll = try await client.poll()
        XCTAssertEqual(poll.challenges.count, 1, "\(poll.dropped)")
        let (alias, message, _) = signer.signed.last!
        XCTAssertEqual(alias, PUSH_ALIAS)
        XCTAssertTrue(String(decoding: message, as: UTF8.self).hasPrefix("\(PUSH_SERIAL)|"))
        await assertThrowsAsync({ _ = try await client.rollout(enrollment: try PushTests.enrollment(), keyAlias: "inkan-push-2") }) { e in
            guard case InkanError.Duplicate = e else { return XCTFail("\(e)") }
        }
    }
}
