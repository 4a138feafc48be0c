// H10 of tests/shell-scenarios.md: AppState, the app's platform-neutral state, drives push
// end to end on the real Rust PushClient: a pipush link is confirmed → rollout; polls
// announce a challenge once; the approval screen's model answers it; a failing transport
// becomes a problem text, not a crash.
import Foundation
import XCTest
import InkanCore
@testable import InkanApp
@testable import InkanKit

final class AppStateTests: XCTestCase {
    func testH10PairPollAnswerThroughAppState() async throws { try await Self.h10() }

    @MainActor
    static func h10() async throws {
        if PushShellTests.serverKey == nil {
            PushShellTests.serverKey = try PushTestServer(url: PUSH_URL, serial: PUSH_SERIAL)
        }
        let server = FakePushServer(PushShellTests.serverKey!)
        let keys = TestKeys()
        let presence = StubPresence()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inkan-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = AppState(vaultFile: VaultFile(directory: dir), keyStore: TestKeyStore(), clock: CountingClock(NOW),
                             push: PushPlatform(transport: server, keys: keys, presence: presence))
        XCTAssertEqual(state.start(), .create)
        try await state.createVault(password: "correct horse", confirmation: "correct horse")
        let acknowledged = try await state.recoveryCodeSaved()
        XCTAssertEqual(acknowledged, .open)
        let before = await state.poll()
        XCTAssertEqual(before, [], "no token, no poll")
        XCTAssertEqual(server.posts, [])

        // The confirm screen's "Pair" on a pipush link: the rollout with a fresh key alias.
        state.open(link: PUSH_LINK)
        guard case .pair(_, let enrollment) = state.pendingRoute else { return XCTFail("no pairing route") }
        // Offline: the rollout fails and the key made for it is discarded.
        server.fail = CallbackError.Failed(reason: "offline")
        do {
            _ = try await state.pair(enrollment)
            XCTFail("paired while offline")
        } catch InkanError.Network {}
        XCTAssertEqual(keys.deleted.count, 1)
        XCTAssertTrue(keys.deleted[0].hasPrefix("inkan-push-"), keys.deleted[0])
        XCTAssertEqual(state.pushTokens, [])
        server.fail = nil
        let token = try await state.pair(enrollment)
        XCTAssertEqual(keys.deleted.count, 1, "a paired token keeps its key")
        XCTAssertEqual(token.serial, PUSH_SERIAL)
        XCTAssertEqual(state.pushTokens.map(\.serial), [PUSH_SERIAL])
        XCTAssertNotNil(formField(try XCTUnwrap(server.posts.first), "pubkey"))

        server.offer(offered("N1", nil))
        let fresh = await state.poll()
        XCTAssertEqual(fresh.map(\.nonce), ["N1"])
        XCTAssertTrue(try XCTUnwrap(keys.last).alias.hasPrefix("inkan-push-"))
        let again = await state.poll()
        XCTAssertEqual(again, [], "announced once")
        XCTAssertNil(state.pushProblem)

        let approval = try XCTUnwrap(state.approval(nonce: "N1"))
        XCTAssertEqual(approval.id, "N1")
        XCTAssertEqual(approval.state.account, "privacyIDEA: PIPU000058DF")
        XCTAssertEqual(approval.state.mode, .none)
        let sent = await approval.approve()
        XCTAssertEqual(sent?.success, true, sent?.message ?? "")
        XCTAssertEqual(presence.messages, ["N1|\(PUSH_SERIAL)"])
        XCTAssertTrue(state.inbox.challenges.isEmpty)
        XCTAssertNil(state.approval(nonce: nil))

        // Number matching is typed in: the screen shows no buttons to tap at random.
        server.correct = "84"
        server.offer(offered("N2", "09,84,01"))
        let numbered = await state.poll()
        XCTAssertEqual(numbered.map(\.nonce), ["N2"])
        let typed = try XCTUnwrap(state.approval(nonce: "N2"))
        XCTAssertEqual(typed.state.mode, .typeIn)
        XCTAssertEqual(typed.state.choices, [], "the options are not shown")
        typed.type("84")
        let typedSent = await typed.approve()
        XCTAssertEqual(typedSent?.success, true, typedSent?.message ?? "")
        XCTAssertEqual(presence.messages.last, "N2|\(PUSH_SERIAL)|84")

        server.fail = CallbackError.Failed(reason: "offline")
        let offline = await state.poll()
        XCTAssertEqual(offline, [])
        XCTAssertTrue(state.pushProblem?.contains("offline") ?? false, state.pushProblem ?? "nil")
    }
}
