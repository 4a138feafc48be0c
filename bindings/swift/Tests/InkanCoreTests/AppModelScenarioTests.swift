// App model scenarios A1–A6 of tests/scenarios.md in Swift: the seed's flows through
// AppModel, with a shell without a screen (runs each job at once, records the other
// effects) over Swift implementations of every platform trait. Each runs in English and
// Japanese; texts are compared with the catalogs (appText). Swift on Linux has no image
// decoder: the A1 frame comes from the test-only imageLumaFrame (path in INKAN_APP_DEV_IMAGE,
// copied by tests/bindings/swift.sh into the build directory the chroot can see).
import Foundation
import XCTest
import InkanCore

let appPassword = "correct horse battery"
let appStart: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z, the start of a 30 s period
let appLangs = ["en-US", "ja-JP"]

/// A screen or state other than the one a step expects: fails the test (never a skip).
struct ScenarioError: Error { let what: String; init(_ what: String) { self.what = what } }

final class TestClock: Clock, @unchecked Sendable {  // state guarded by lock
    let lock = NSLock()
    var now = appStart
    var ms: UInt64 = 0
    func nowUnix() throws -> Int64 { lock.lock(); defer { lock.unlock() }; return now }
    func advance(_ seconds: Int64) { lock.lock(); now += seconds; ms += UInt64(seconds) * 1000; lock.unlock() }
    func moveWallClock(_ seconds: Int64) { lock.lock(); now += seconds; lock.unlock() }
    func passMonotonic(_ ms: UInt64) { lock.lock(); self.ms += ms; lock.unlock() }
}

final class TestMonotonic: MonotonicClock, @unchecked Sendable {
    let clock: TestClock
    init(_ clock: TestClock) { self.clock = clock }
    func nowMs() throws -> UInt64 { clock.lock.lock(); defer { clock.lock.unlock() }; return clock.ms }
}

final class OfflineClock: Clock, @unchecked Sendable {
    func nowUnix() throws -> Int64 { throw CallbackError.Failed(reason: "clock offline") }
}

/// XOR with a fixed byte: enough to prove the vault key goes through the store.
final class AppXorKeyStore: KeyStore, @unchecked Sendable {
    func wrapKey(keyId: String, key: Data) throws -> Data { Data(key.map { $0 ^ 0x5a }) }
    func unwrapKey(keyId: String, wrapped: Data) throws -> Data { Data(wrapped.map { $0 ^ 0x5a }) }
    func deleteKey(keyId: String) throws {}
}

/// The platform HTTP stack, answered by the app crate's simulated privacyIDEA server.
final class AppServerTransport: HttpTransport, @unchecked Sendable {
    let server: AppPushServer
    init(_ server: AppPushServer) { self.server = server }
    func send(request: HttpRequest) throws -> HttpResponse { try server.handle(request: request) }
}

final class Shell {
    let clock = TestClock()
    let model: AppModel
    var effects: [Effect] = []

    init(_ dir: URL, _ lang: String, keyStore: Bool = true, server: AppPushServer? = nil) throws {
        model = AppModel.withTestKdf(
            dataDir: dir.path, clock: clock, monotonic: TestMonotonic(clock),
            keyStore: keyStore ? AppXorKeyStore() : nil,
            transport: server.map { AppServerTransport($0) }, signer: server.map { _ in DelegatingSigner() })
        try send(.start(systemLanguage: lang))
    }

    func send(_ event: Event) throws { try perform(model.send(event: event)) }

    func sendFrame(_ f: TestFrame) throws {
        try perform(model.sendFrame(width: f.width, height: f.height, rowStride: f.rowStride, yPlane: f.yPlane))
    }

    func perform(_ list: [Effect]) throws {
        for effect in list {
            switch effect {
            case .run(let job): try perform(model.run(job: job))
            case .render: _ = model.view()
            default: effects.append(effect)
            }
        }
    }

    func takeEffects() -> [Effect] { defer { effects = [] }; return effects }

    func accounts() throws -> AccountsView {
        guard case .accounts(let a) = model.view().screen else { throw ScenarioError("not the account list") }
        return a
    }

    func advance(_ seconds: Int64) throws { clock.advance(seconds); try send(.tick) }

    func createVault() throws {
        try send(.createVault(password: appPassword, confirmation: appPassword))
        guard case .recoveryCode = model.view().screen else { return XCTFail("no recovery code") }
        try send(.recoveryCodeSavedChecked(checked: true))
        try send(.acknowledgeRecoveryCode)
    }

    func addLink(_ link: String) throws {
        try send(.linkOpened(link: link))
        try send(.confirmAdd)
    }
}

func t(_ lang: String, _ key: String, _ count: Int64? = nil) -> String {
    appText(systemLanguage: lang, key: key, count: count)
}

func freshDir() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("inkan-app-\(UUID().uuidString)")
}

final class AppModelScenarioTests: XCTestCase {
    func timedCode(_ s: Shell, _ row: Int) throws -> String {
        guard case .timed(let code, _, _, _) = try s.accounts().rows[row].code else { throw ScenarioError("not timed") }
        return code
    }

    func revealed(_ s: Shell) throws -> String {
        guard case .revealed(let code, _) = try s.accounts().rows[0].code else { throw ScenarioError("not revealed") }
        return code
    }

    func testA1ScanCameraFrameConfirmCode() throws {
        let path = try XCTUnwrap(ProcessInfo.processInfo.environment["INKAN_APP_DEV_IMAGE"],
                                 "INKAN_APP_DEV_IMAGE is not set")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let frame = try imageLumaFrame(bytes: bytes, padding: 64)
        let account = try parseLink(link: try decodeImage(bytes: bytes)[0]).accounts[0]
        let expected = try account.codeAt(unixSeconds: appStart).text
        for lang in appLangs {
            let s = try Shell(freshDir(), lang)
            try s.createVault()
            try s.send(.openScanner)
            XCTAssertTrue(s.takeEffects().contains(.startCamera))
            XCTAssertEqual(s.model.view().title, t(lang, "title-scan"))
            try s.sendFrame(frame)
            XCTAssertTrue(s.takeEffects().contains(.stopCamera), lang)
            let v = s.model.view()
            guard case .confirm(let c) = v.screen else { return XCTFail("\(lang): \(v)") }
            XCTAssertEqual(v.title, t(lang, "title-confirm"))
            XCTAssertEqual(c.question, t(lang, "confirm-question", 1))
            try s.send(.confirmAdd)
            XCTAssertEqual(try s.accounts().count, t(lang, "accounts-count", 1))
            XCTAssertEqual(try timedCode(s, 0).replacingOccurrences(of: " ", with: ""), expected, lang)
        }
    }

    func testA2PushPairingLinkWhileLockedPairedAfterUnlock() throws {
        for lang in appLangs {
            let s = try Shell(freshDir(), lang, server: AppPushServer())
            try s.createVault()
            try s.send(.lockNow)
            try s.send(.linkOpened(link: appPushEnrollmentLink()))
            guard case .unlock(let u) = s.model.view().screen else { return XCTFail("\(lang): locked") }
            XCTAssertEqual(u.pendingLink, t(lang, "unlock-pending-link"))
            try s.send(.unlockWithPassword(password: appPassword))
            guard case .confirm(let c) = s.model.view().screen else { return XCTFail("\(lang): confirm") }
            XCTAssertEqual(c.question, t(lang, "confirm-push-question"))
            try s.send(.confirmAdd)
            XCTAssertEqual(s.model.view().notice, t(lang, "notice-paired"), "\(String(describing: s.model.view().error))")
        }
    }

    /// Pairs, opens a sign-in showing 84 among three numbers, types `typed`, approves.
    func signIn(_ lang: String, typing typed: String) throws -> (String?, Bool) {
        let server = AppPushServer()
        let s = try Shell(freshDir(), lang, server: server)
        try s.createVault()
        try s.addLink(appPushEnrollmentLink())
        try server.signIn(nonce: "A3", question: "Sign in to the VPN", options: "27,84,61", correct: "84")
        try s.send(.pollPush)
        try s.send(.openChallenge(nonce: try XCTUnwrap(s.accounts().signInRequests.first, "\(lang): no sign-in request").nonce))
        guard case .approve(let a) = s.model.view().screen, case .typeIn = a.number else {
            XCTFail("\(lang): type-in by default"); return (nil, true)
        }
        try s.send(.typeNumber(text: typed))
        try s.send(.approve)
        guard case .approve(let done) = s.model.view().screen else { XCTFail("\(lang): outcome"); return (nil, true) }
        return (done.outcome, server.isOpen(nonce: "A3"))
    }

    func testA3RightNumberApproves() throws {
        for lang in appLangs {
            let (outcome, open) = try signIn(lang, typing: "84")
            XCTAssertEqual(outcome, t(lang, "push-approved"))
            XCTAssertFalse(open)
        }
    }

    func testA4WrongNumberBlocks() throws {
        for lang in appLangs {
            let (outcome, open) = try signIn(lang, typing: "27")
            XCTAssertEqual(outcome, t(lang, "push-blocked"))
            XCTAssertFalse(open, "SEC-P5: closed after the one pick")
        }
    }

    func testA5HotpRevealAdvancesCounterOnce() throws {
        let hotp = "otpauth://hotp/Bank:taro?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=5"
        for lang in appLangs {
            let dir = freshDir()
            var id = ""
            do {
                let s = try Shell(dir, lang, keyStore: false)
                try s.createVault()
                try s.addLink(hotp)
                id = try s.accounts().rows[0].id
                for _ in 0..<3 { try s.send(.revealHotp(id: id)) }
                XCTAssertEqual(try revealed(s), "254 676", lang)  // RFC 4226 appendix D, counter 5
                try s.advance(30)
                guard case .hidden = try s.accounts().rows[0].code else { return XCTFail("\(lang): hidden") }
                try s.send(.revealHotp(id: id))
                XCTAssertEqual(try revealed(s), "287 922", "\(lang): advanced once")
            }  // the model is released here, and with it the vault's file lock
            // The counter was saved: a new process shows the next code.
            let s = try Shell(dir, lang, keyStore: false)
            try s.send(.unlockWithPassword(password: appPassword))
            try s.send(.revealHotp(id: id))
            XCTAssertEqual(try revealed(s), "162 583", "\(lang): saved")
        }
    }

    func testA6BackupOnARestoreOnBSameCodes() throws {
        let links = [
            "otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub",
            "otpauth://totp/%E6%A5%BD%E5%A4%A9:bob?secret=NHVXM3HVF2ZI5OO55MJ35Y3ACAV5JEAO&issuer=%E6%A5%BD%E5%A4%A9",
        ]
        for lang in appLangs {
            let a = try Shell(freshDir(), lang)
            try a.createVault()
            for link in links { try a.addLink(link) }
            try a.send(.openBackup)
            try a.send(.exportBackup(password: "backup password", confirmation: "backup password"))
            XCTAssertEqual(a.model.view().notice, t(lang, "notice-backup-ready", 2))
            let file = a.takeEffects().compactMap { effect -> Data? in
                if case .saveFile(_, let bytes) = effect { return bytes }
                return nil
            }.first
            let b = try Shell(freshDir(), lang)
            try b.createVault()
            try b.send(.openBackup)
            try b.send(.restoreBackup)
            XCTAssertTrue(b.takeEffects().contains(.pickFile(purpose: .backup)))
            try b.send(.filePicked(purpose: .backup, bytes: try XCTUnwrap(file, "saved")))
            try b.send(.restorePassword(password: "backup password"))
            XCTAssertEqual(b.model.view().notice, t(lang, "notice-restored", 2))
            try a.send(.back)
            for row in 0..<2 { XCTAssertEqual(try timedCode(b, row), try timedCode(a, row), "\(lang) row \(row)") }
            XCTAssertEqual(try b.accounts().rows[1].issuer, "楽天")
        }
    }

    func testA7AppLockCountsOnMonotonicClock() throws {
        // No key store: a lock would otherwise be opened again at once by the keystore job.
        for lang in appLangs {
            let s = try Shell(freshDir(), lang, keyStore: false)
            try s.createVault()
            // The phone's clock moved by an hour, no time passed: still open.
            try s.send(.backgrounded)
            s.clock.moveWallClock(3600)
            try s.send(.foregrounded)
            XCTAssertEqual(s.model.view().title, t(lang, "title-accounts"))
            // A minute and a second in the background (the default lock timeout): locked.
            try s.send(.backgrounded)
            s.clock.passMonotonic(61_000)
            try s.send(.foregrounded)
            XCTAssertEqual(s.model.view().title, t(lang, "title-unlock"), lang)
        }
    }

    func testA8FailingAppClockFailsTheCall() throws {
        let model = AppModel.withTestKdf(dataDir: freshDir().path, clock: OfflineClock(), monotonic: TestMonotonic(TestClock()),
                                         keyStore: nil, transport: nil, signer: nil)
        XCTAssertThrowsError(try model.send(event: .start(systemLanguage: "en"))) { error in
            guard case InkanError.Internal(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("clock offline"), reason)
        }
        XCTAssertThrowsError(try model.run(job: .createVault)) { error in
            guard case InkanError.Internal(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("clock offline"), reason)
        }
    }
}
