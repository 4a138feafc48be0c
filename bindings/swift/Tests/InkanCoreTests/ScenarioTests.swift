// The binding scenarios of tests/scenarios.md, in Swift (XCTest on Linux, linked against
// the host-built libinkan.so).
import Foundation
import XCTest
import InkanCore

let RFC_SHA1 = "otpauth://totp/RFC6238:sha1?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=30&issuer=RFC6238"
let RFC_SHA256 = "otpauth://totp/RFC6238:sha256?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&digits=8&algorithm=SHA256&issuer=RFC6238"
let RFC_SHA512 = "otpauth://totp/RFC6238:sha512?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA&digits=8&algorithm=SHA512&issuer=RFC6238"
let MIGRATION_MD5 = "otpauth-migration://offline?data=CiwKFDRJiMQxwIXjd9MFXrhxhqg%2FFj14EgRrYXRlGghHb29kIE9uZSABKAEwAgomChCCLZiiK2t0SN0zlHjgtiefEgNsZW8aB09sZCBNRDUgBCgBMAIKLAoU85HX%2Fukq9jTZxbeR2Mls2%2FSoi2kSBG1heWEaCEdvb2QgVHdvIAIoATACEAEYASi1ldCg%2Bv%2F%2F%2F%2F8B"
let BAD_SECRET = "otpauth://totp/X:a?secret=SUPERSECRET1&issuer=X"
let STEAM = "steam://JBSWY3DPEHPK3PXP"
let PAIR_LINK = "https://auth.example.com/.well-known/inkan/pair#otpauth%3A%2F%2Ftotp%2FA%3Aa%3Fsecret%3DJBSWY3DPEHPK3PXP"
let PUSH_LINK = "pia://pipush/PIPU000058DF?url=https%3A//pi.example.com/ttype/push&ttl=10&issuer=privacyIDEA&enrollment_credential=ee203e52e28a952aac2779bd2525ad935888a4eb&v=1&serial=PIPU000058DF&sslverify=0"
let NOW: Int64 = 1_795_764_920

let RFC_ROWS: [(Int64, [String])] = [
    (59, ["94287082", "46119246", "90693936"]),
    (1111111109, ["07081804", "68084774", "25091201"]),
    (1234567890, ["89005924", "91819424", "93441116"]),
    (20000000000, ["65353130", "77737706", "47863826"]),
]

func one(_ link: String) throws -> Account {
    let parsed = try parseLink(link: link)
    XCTAssertEqual(parsed.accounts.count, 1)
    return parsed.accounts[0]
}

func rfcAccounts() throws -> [Account] {
    try [RFC_SHA1, RFC_SHA256, RFC_SHA512].map(one)
}

/// A counter safe to bump from the threads Rust calls back on.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func bump() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}

final class FixedClock: InkanCore.Clock {
    let now: Int64
    let calls = Counter()
    init(_ now: Int64) { self.now = now }
    func nowUnix() throws -> Int64 { calls.bump(); return now }
}

final class ThrowingClock: InkanCore.Clock {
    let error: any Error
    init(_ error: any Error) { self.error = error }
    func nowUnix() throws -> Int64 { throw error }
}

struct ShellBug: Error {}

final class XorKeyStore: KeyStore, @unchecked Sendable {  // log is guarded by lock
    private let lock = NSLock()
    private var log: [String] = []
    var calls: [String] { lock.lock(); defer { lock.unlock() }; return log }
    private func note(_ call: String) { lock.lock(); log.append(call); lock.unlock() }
    func wrapKey(keyId: String, key: Data) throws -> Data { note("wrap \(keyId)"); return Data(key.map { $0 ^ 0x5a }) }
    func unwrapKey(keyId: String, wrapped: Data) throws -> Data { note("unwrap \(keyId)"); return Data(wrapped.map { $0 ^ 0x5a }) }
    func deleteKey(keyId: String) throws { note("delete \(keyId)") }
}

final class InvalidatedKeyStore: KeyStore {
    func wrapKey(keyId: String, key: Data) throws -> Data { throw CallbackError.Unavailable(reason: "key invalidated") }
    func unwrapKey(keyId: String, wrapped: Data) throws -> Data { throw CallbackError.Mismatch }
    func deleteKey(keyId: String) throws {}
}

/// The `reason` of an `InkanError`, failing the test for any other error.
func reason(of error: any Error, file: StaticString = #filePath, line: UInt = #line) -> String {
    switch error as? InkanError {
    case .InvalidInput(let reason)?, .WrongPassword(let reason)?, .Locked(let reason)?,
         .Duplicate(let reason)?, .ChallengeRejected(let reason)?,
         .Network(let reason)?, .KeystoreUnavailable(let reason)?, .Cancelled(let reason)?,
         .Internal(let reason)?:
        return reason
    case nil:
        XCTFail("not an InkanError: \(error)", file: file, line: line)
        return ""
    }
}

final class ScenarioTests: XCTestCase {
    func testS1Rfc6238CodesAtFixedTimes() throws {
        let accounts = try rfcAccounts()
        for (t, want) in RFC_ROWS {
            XCTAssertEqual(try codesAt(accounts: accounts, unixSeconds: t).map(\.text), want, "t = \(t)")
        }
        let at59 = try codesAt(accounts: accounts, unixSeconds: 59)[0]
        XCTAssertEqual(at59.validFrom, 30)
        XCTAssertEqual(at59.validUntil, 60)
        XCTAssertEqual(at59.remainingSeconds, 1)
    }

    func testS2AccountInfo() throws {
        let info = try one(RFC_SHA256).info()
        XCTAssertEqual(info.issuer, "RFC6238")
        XCTAssertEqual(info.name, "sha256")
        XCTAssertEqual(info.label, "RFC6238 (sha256)")
        XCTAssertEqual(info.algorithm, .sha256)
        XCTAssertEqual(info.digits, 8)
        XCTAssertEqual(info.kind, .totp(period: 30))
    }

    func testS3MigrationWithPerItemErrors() throws {
        let parsed = try parseLink(link: MIGRATION_MD5)
        let infos = parsed.accounts.map { $0.info() }
        XCTAssertEqual(infos.map(\.issuer), ["Good One", "Good Two"])
        XCTAssertEqual(infos.map(\.name), ["kate", "maya"])
        XCTAssertEqual(parsed.skipped.count, 1)
        XCTAssertEqual(parsed.skipped.first?.index, 1)
        XCTAssertEqual(parsed.skipped.first?.name, "leo")
        XCTAssertTrue(parsed.skipped.first?.reason.contains("MD5") ?? false)
        XCTAssertEqual(try codesAt(accounts: parsed.accounts, unixSeconds: 1234567890).map(\.text),
                       ["866714", "677946"])
    }

    func testS4ErrorMapping() throws {
        XCTAssertThrowsError(try parseLink(link: BAD_SECRET)) { error in
            guard case InkanError.InvalidInput(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("base32"), reason)
            XCTAssertFalse(reason.contains("SUPERSECRET"), reason)
            XCTAssertFalse("\(error)".contains("SUPERSECRET"))
        }
        XCTAssertThrowsError(try parseLink(link: "hello")) { error in
            guard case InkanError.InvalidInput = error else { return XCTFail("\(error)") }
            XCTAssertFalse(reason(of: error).isEmpty)
        }
        let account = try one(RFC_SHA1)
        XCTAssertThrowsError(try codesAt(accounts: [account], unixSeconds: -1)) { error in
            guard case InkanError.InvalidInput = error else { return XCTFail("\(error)") }
            XCTAssertFalse(reason(of: error).isEmpty)
        }
    }

    func testS5UriAndMigrationExport() throws {
        let account = try one(RFC_SHA256)
        let again = try one(account.toUri())
        XCTAssertEqual(again.info(), account.info())
        XCTAssertEqual(try again.codeAt(unixSeconds: 59).text, "46119246")

        let accounts = try parseLink(link: MIGRATION_MD5).accounts + [one(STEAM)]
        let export = exportMigration(accounts: accounts, batchId: 7)
        XCTAssertEqual(export.uris.count, 1)
        XCTAssertEqual(export.skipped.map(\.index), [2])
        XCTAssertTrue(export.skipped[0].reason.contains("Google Authenticator"), export.skipped[0].reason)
        let back = try parseLink(link: export.uris[0])
        XCTAssertTrue(back.skipped.isEmpty)
        XCTAssertEqual(try codesAt(accounts: back.accounts, unixSeconds: 1234567890).map(\.text),
                       ["866714", "677946"])
    }

    func testS6ForeignClock() throws {
        let clock = FixedClock(59)
        let generator = CodeGenerator(clock: clock)
        let codes = try generator.codes(accounts: [one(RFC_SHA1)])
        XCTAssertEqual(codes.map(\.text), ["94287082"])
        XCTAssertEqual(codes.first?.remainingSeconds, 1)
        XCTAssertEqual(clock.calls.count, 1)

        let offline = CodeGenerator(clock: ThrowingClock(CallbackError.Failed(reason: "clock offline")))
        XCTAssertThrowsError(try offline.codes(accounts: [])) { error in
            guard case InkanError.Internal(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("clock offline"), reason)
        }
        let buggy = CodeGenerator(clock: ThrowingClock(ShellBug()))
        XCTAssertThrowsError(try buggy.codes(accounts: [])) { error in
            guard case InkanError.Internal(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("clock"), reason)
        }
    }

    func testS7ForeignKeyStore() throws {
        let store = XorKeyStore()
        let key = Data((0..<32).map { UInt8($0) })
        XCTAssertEqual(try keyStoreRoundTrip(store: store, keyId: "vault-key-1", key: key), key)
        XCTAssertEqual(store.calls, ["wrap vault-key-1", "unwrap vault-key-1", "delete vault-key-1"])
        XCTAssertThrowsError(try failWithKeyStoreError(store: InvalidatedKeyStore())) { error in
            guard case InkanError.KeystoreUnavailable(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reason, "key invalidated")
        }
    }

    func testS8ConcurrentCodes() async throws {
        let accounts = try rfcAccounts()
        let clock = FixedClock(59)
        let generator = CodeGenerator(clock: clock)
        let want = RFC_ROWS[0].1
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var ok = true
                    for _ in 0..<50 {
                        let direct = try codesAt(accounts: accounts, unixSeconds: 59).map(\.text)
                        let viaClock = try generator.codes(accounts: accounts).map(\.text)
                        ok = ok && direct == want && viaClock == want
                    }
                    return ok
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        XCTAssertEqual(results, Array(repeating: true, count: 8))
        XCTAssertEqual(clock.calls.count, 400)
    }

    /// Milliseconds per call of `call` (mean and fastest) and the number of calls, after a
    /// warm-up (up to 500 calls or 0.3 s): up to 200 calls or about one second, whichever
    /// comes first (debug builds decode slowly). The fastest call shows the cost when other
    /// jobs share the CPU.
    func msPerCall(_ call: () throws -> Void) rethrows -> (mean: Double, fastest: Double, runs: Int) {
        func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
        let warm = now() + 300_000_000
        for _ in 0..<500 where now() < warm { try call() }
        var runs = 0
        var fastest = UInt64.max
        let start = now()
        while runs < 200 && now() - start < 1_000_000_000 {
            let t0 = now()
            try call()
            fastest = min(fastest, now() - t0)
            runs += 1
        }
        return (Double(now() - start) / 1e6 / Double(runs), Double(fastest) / 1e6, runs)
    }

    func testS9FrameBuffer() throws {
        XCTAssertEqual(frameLen(frame: Data(repeating: 0x80, count: 1920 * 1080)), 2_073_600)
        let code = try qrTestFrame(text: FRAME_TEXT, padding: 0)
        let none = ScanResult(payload: nil, otherCodes: [])
        for (w, h) in [(1280, 720), (1920, 1080)] {
            // A blank (grey) plane.
            let plane = Data(repeating: 0x80, count: w * h)
            let (width, height) = (UInt32(w), UInt32(h))
            func report(_ label: String, _ what: String, _ call: () throws -> Void) rethrows {
                let (mean, fastest, runs) = try msPerCall(call)
                let ms = { (v: Double) in String(format: "%.4f", v) }
                print("\(label): swift \(what)(\(w)x\(h) Y plane) \(ms(mean)) ms per call (mean of \(runs); fastest \(ms(fastest)))")
            }
            // The hand-off alone: Rust borrows the plane and reads only its length.
            report("copy cost", "frameLen") { _ = frameLen(frame: plane) }
            // The real entry point once the payload is out: hand-off, frame checks and the
            // core's packed copy of the plane, no decode.
            let done = QrScanner()
            XCTAssertEqual(try done.feedFrame(width: code.width, height: code.height, rowStride: code.rowStride,
                                              yPlane: code.yPlane).payload, FRAME_TEXT)
            XCTAssertEqual(try done.feedFrame(width: width, height: height, rowStride: width, yPlane: plane), none)
            try report("copy cost", "feedFrame after the payload") {
                _ = try done.feedFrame(width: width, height: height, rowStride: width, yPlane: plane)
            }
            // Hand-off plus the decode of a frame with no code in it.
            let scanner = QrScanner()
            XCTAssertEqual(try scanner.feedFrame(width: width, height: height, rowStride: width, yPlane: plane), none)
            try report("scan cost", "feedFrame decoding") {
                _ = try scanner.feedFrame(width: width, height: height, rowStride: width, yPlane: plane)
            }
        }
    }

    func testS10OpenLink() throws {
        guard case .accounts(let accounts, let skipped, let fromHost) = try openLink(link: PAIR_LINK, nowUnix: NOW) else {
            return XCTFail("not accounts")
        }
        XCTAssertEqual(accounts.count, 1)
        XCTAssertTrue(skipped.isEmpty)
        XCTAssertEqual(fromHost, "auth.example.com")
        XCTAssertEqual(accounts.first?.info().name, "a")

        guard case .push(let enrollment) = try openLink(link: PUSH_LINK, nowUnix: NOW) else {
            return XCTFail("not push")
        }
        let info = enrollment.info()
        XCTAssertEqual(info.serial, "PIPU000058DF")
        XCTAssertEqual(info.serverHost, "pi.example.com")
        XCTAssertTrue(info.serverAskedNoVerify)
        XCTAssertEqual(info.expiresAt, NOW + 600)
        XCTAssertFalse("\(info)".contains("ee203e52"))

        for refused in ["javascript:alert(1)", "https://auth.example.com/pair", "http://auth.example.com/.well-known/inkan/pair#x"] {
            XCTAssertThrowsError(try openLink(link: refused, nowUnix: NOW), refused) { error in
                guard case InkanError.InvalidInput = error else { return XCTFail("\(refused): \(error)") }
            }
        }
    }
}
