// URLSessionTransport against a loopback HTTP server (H8 of tests/shell-scenarios.md):
// the contract of bindings push_platform.rs that does not need TLS — any status is a
// response, a redirect is returned and not followed, at most 256 KiB (+1) are read, the
// Date header comes back, POST bodies go out form-encoded, no response is a throw, the
// main thread is refused. TLS with a pinned CA (SecTrust anchors) is Apple-only: on Linux
// a pinned CA is refused rather than ignored. Built where Glibc sockets exist.
#if canImport(Glibc)
import Foundation
import Glibc
import XCTest
import InkanCore
@testable import InkanKit

/// One-thread HTTP/1.1 server on 127.0.0.1: each connection gets `reply(requestHead)`.
final class LoopbackServer: @unchecked Sendable {  // state guarded by lock
    let port: UInt16
    private let fd: Int32
    private let lock = NSLock()
    private var heads: [String] = []
    private var bodies: [Data] = []

    var requests: [String] { lock.lock(); defer { lock.unlock() }; return heads }
    var requestBodies: [Data] { lock.lock(); defer { lock.unlock() }; return bodies }

    init(reply: @escaping @Sendable (String) -> [UInt8]) throws {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, size) }
        }
        guard bound == 0, listen(sock, 8) == 0 else { throw CallbackError.Failed(reason: "bind/listen") }
        var actual = sockaddr_in()
        var length = size
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        fd = sock
        let listener = sock
        Thread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { return }
                serve(client, reply)
            }
        }.start()
    }

    private func serve(_ client: Int32, _ reply: (String) -> [UInt8]) {
        defer { close(client) }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headEnd: Int?
        var wanted = 0
        while true {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[0..<n]
            if headEnd == nil, let range = Data(received).range(of: Data("\r\n\r\n".utf8)) {
                headEnd = range.upperBound
                let head = String(decoding: received[0..<range.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                    wanted = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headEnd, received.count >= headEnd + wanted { break }
        }
        guard let headEnd else { return }
        let head = String(decoding: received[0..<headEnd], as: UTF8.self)
        lock.lock()
        heads.append(head)
        bodies.append(Data(received[headEnd...]))
        lock.unlock()
        if head.hasPrefix("GET /slow") {
            // Slow loris: a header promising 100 bytes, then one byte every 100 ms.
            guard send(client, Self.response("200 OK", headers: ["Content-Length: 100"])) else { return }
            for _ in 0..<100 {
                usleep(100_000)
                guard send(client, [0x41]) else { return }
            }
            return
        }
        _ = send(client, reply(head))
    }

    /// False once the client has gone (MSG_NOSIGNAL: no SIGPIPE for the test process).
    private func send(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    static func response(_ status: String, headers: [String] = [], body: [UInt8] = []) -> [UInt8] {
        let length = headers.contains { $0.hasPrefix("Content-Length:") } ? [] : ["Content-Length: \(body.count)"]
        let head = (["HTTP/1.1 \(status)", "Connection: close"] + length + headers)
            .joined(separator: "\r\n") + "\r\n\r\n"
        return Array(head.utf8) + body
    }
}

/// Runs `body` on a thread of its own (Rust calls the transport from its worker thread).
func offMain<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> Result<T, Error> {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<T, Error>?
    Thread {
        result = Result { try body() }
        done.signal()
    }.start()
    done.wait()
    return result!
}

final class TransportTests: XCTestCase {
    let date = "Fri, 27 Nov 2026 12:00:00 GMT"

    static func get(_ url: String, pem: String? = nil) -> HttpRequest {
        HttpRequest(method: .get, url: url, body: Data(), extraCaPem: pem)
    }

    func testH8LoopbackContract() throws {
        let big = [UInt8](repeating: 0x41, count: 300 * 1024)
        let date = self.date
        let server = try LoopbackServer { head in
            if head.hasPrefix("GET /ok") {
                return LoopbackServer.response("200 OK", headers: ["Date: \(date)"], body: Array("hello".utf8))
            }
            if head.hasPrefix("GET /moved") {
                return LoopbackServer.response("302 Found", headers: ["Location: /ok"])
            }
            if head.hasPrefix("GET /big") { return LoopbackServer.response("200 OK", body: big) }
            if head.hasPrefix("POST /answer") { return LoopbackServer.response("200 OK", body: Array("{}".utf8)) }
            return LoopbackServer.response("500 Internal Server Error", body: Array("oops".utf8))
        }
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let transport = URLSessionTransport(idleTimeout: 5, totalTimeout: 10)

        let ok = try offMain { try transport.send(request: Self.get("\(base)/ok?serial=S&signature=X")) }.get()
        XCTAssertEqual(ok.status, 200)
        XCTAssertEqual(ok.date, date)
        XCTAssertEqual(ok.body, Data("hello".utf8))
        XCTAssertTrue(server.requests[0].hasPrefix("GET /ok?serial=S&signature=X HTTP/1.1"), server.requests[0])

        let moved = try offMain { try transport.send(request: Self.get("\(base)/moved")) }.get()
        XCTAssertEqual(moved.status, 302, "the redirect is the response")
        XCTAssertEqual(server.requests.count, 2, "the redirect was not followed")

        let error = try offMain { try transport.send(request: Self.get("\(base)/nothing")) }.get()
        XCTAssertEqual(error.status, 500, "any status is a response")
        XCTAssertEqual(error.body, Data("oops".utf8))

        let large = try offMain { try transport.send(request: Self.get("\(base)/big")) }.get()
        XCTAssertEqual(large.body.count, URLSessionTransport.maxBody + 1, "read stops one byte past 256 KiB")

        let form = Data("serial=S&nonce=N&signature=X".utf8)
        let posted = try offMain {
            try transport.send(request: HttpRequest(method: .post, url: "\(base)/answer", body: form, extraCaPem: nil))
        }.get()
        XCTAssertEqual(posted.status, 200)
        let head = try XCTUnwrap(server.requests.last).lowercased()
        XCTAssertTrue(head.hasPrefix("post /answer"), head)
        XCTAssertTrue(head.contains("content-type: application/x-www-form-urlencoded"), head)
        XCTAssertEqual(server.requestBodies.last, form)
    }

    /// A server that trickles its body is cut off at the total deadline.
    func testH8SlowServerIsCutOff() throws {
        let server = try LoopbackServer { _ in [] }
        defer { server.stop() }
        let transport = URLSessionTransport(idleTimeout: 5, totalTimeout: 0.7)
        let start = Date()
        let slow = offMain { try transport.send(request: Self.get("http://127.0.0.1:\(server.port)/slow")) }
        let elapsed = Date().timeIntervalSince(start)
        guard case .failure(CallbackError.Failed) = slow else { return XCTFail("\(slow)") }
        XCTAssertLessThan(elapsed, 2.5, "cut off near the 0.7 s deadline")
    }

    func testH8FailuresThrow() throws {
        let transport = URLSessionTransport(idleTimeout: 5, totalTimeout: 10)
        // A port nobody listens on: no response.
        let server = try LoopbackServer { _ in [] }
        let port = server.port
        server.stop()
        let refused = offMain { try transport.send(request: Self.get("http://127.0.0.1:\(port)/x")) }
        guard case .failure(CallbackError.Failed) = refused else { return XCTFail("\(refused)") }
        // A pinned CA cannot be honoured without the Apple trust API: refused, not ignored.
        let pem = "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n"
        let pinned = offMain { try transport.send(request: Self.get("https://127.0.0.1:1/x", pem: pem)) }
        guard case .failure(CallbackError.Failed(let reason)) = pinned else { return XCTFail("\(pinned)") }
        XCTAssertTrue(reason.contains("pinned CA"), reason)
        XCTAssertThrowsError(try PEM.certificates("not a certificate"))
        XCTAssertEqual(try PEM.certificates(pem + pem).count, 2)
        // Rust's worker thread only: the main thread is refused.
        XCTAssertTrue(Thread.isMainThread)
        XCTAssertThrowsError(try transport.send(request: Self.get("http://127.0.0.1:1/x")))
    }
}
#endif
