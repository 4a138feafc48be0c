// The push HttpTransport over URLSession (contract: bindings push_platform.rs). Rust calls
// `send` synchronously on its own worker thread, so this blocks on a semaphore while an
// ephemeral session (no cache, no cookies) runs the request on a private delegate queue:
// never on the main actor. TLS is always verified: by the system roots, plus the CA pinned
// at pairing (`extraCaPem`) added as an anchor on Apple platforms (SEC-P3). A redirect is
// never followed (the 3xx is the response, so core refuses it); at most 256 KiB of a body
// are read (one byte more tells core it was too large); the `Date` header is returned for
// clock-skew correction. Any HTTP status is a response; no response is a throw.
//
// Foundation only, so it also runs on Linux (FoundationNetworking) where the tests use it
// against a loopback server; the pinned-CA trust evaluation needs Security and is Apple-only
// (Linux refuses a request that pins a CA rather than ignore the pin).
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Security)
import Security
#endif
import InkanCore

public final class URLSessionTransport: HttpTransport {
    /// Core refuses a longer body (`MAX_BODY`, 256 KiB).
    public static let maxBody = 256 * 1024
    private let idleTimeout: TimeInterval
    private let totalTimeout: TimeInterval

    /// `idleTimeout`: longest wait for the next bytes; `totalTimeout`: the whole exchange
    /// (a slow-loris server cannot hold the worker thread longer).
    public init(idleTimeout: TimeInterval = 20, totalTimeout: TimeInterval = 60) {
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
    }

    public func send(request: HttpRequest) throws -> HttpResponse {
        // Blocking the main thread would freeze the UI (and deadlock a main-queue delegate).
        if Thread.isMainThread { throw CallbackError.Failed(reason: "network call on the main thread") }
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(),
              scheme == "https" || scheme == "http" else {
            throw CallbackError.Failed(reason: "not an http(s) URL")
        }
        let anchors = try request.extraCaPem.map(PEM.certificates) ?? []
        #if !canImport(Security)
        if !anchors.isEmpty {
            throw CallbackError.Failed(reason: "a pinned CA certificate needs the platform trust API")
        }
        #endif

        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData,
                                    timeoutInterval: idleTimeout)
        urlRequest.httpShouldHandleCookies = false
        switch request.method {
        case .get:
            urlRequest.httpMethod = "GET"
        case .post:
            urlRequest.httpMethod = "POST"
            urlRequest.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            urlRequest.httpBody = request.body
        }

        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = idleTimeout
        config.timeoutIntervalForResource = totalTimeout
        config.urlCache = nil
        config.httpCookieStorage = nil
        config.httpShouldSetCookies = false
        config.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        let exchange = Exchange(anchors: anchors, limit: Self.maxBody)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        // The session keeps its delegate until invalidated: invalidate on every path.
        let session = URLSession(configuration: config, delegate: exchange, delegateQueue: queue)
        defer { session.invalidateAndCancel() }
        session.dataTask(with: urlRequest).resume()
        // URLSession's resource timeout should end the task first; this is the backstop
        // (the deferred invalidateAndCancel stops the task).
        guard exchange.done.wait(timeout: .now() + totalTimeout + 1) == .success else {
            throw CallbackError.Failed(reason: "no complete response within \(totalTimeout) s")
        }
        return try exchange.result(for: url)
    }
}

/// One request's delegate. Written only on the session's serial delegate queue, read after
/// `done` is signalled (the semaphore orders the two).
private final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let anchors: [Data]
    private let limit: Int
    private var body = Data()
    private var overflow = false
    private var trustFailure: String?
    private var response: URLResponse?
    private var error: Error?

    init(anchors: [Data], limit: Int) {
        self.anchors = anchors
        self.limit = limit
    }

    func result(for url: URL) throws -> HttpResponse {
        if let trustFailure { throw CallbackError.Failed(reason: trustFailure) }
        guard let http = response as? HTTPURLResponse else {
            let reason = error.map { ($0 as NSError).localizedDescription } ?? "no HTTP response"
            throw CallbackError.Failed(reason: reason)
        }
        // A cancelled read after the limit is not a failure: core sees the extra byte and
        // refuses the body as too large.
        if let error, !overflow { throw CallbackError.Failed(reason: (error as NSError).localizedDescription) }
        // Defence in depth: the delegate refuses redirects; had one been followed anyway,
        // the response would come from another URL.
        if let final = http.url, final.host != url.host || final.path != url.path {
            throw CallbackError.Failed(reason: "the server redirected; redirects are not followed")
        }
        let date = http.value(forHTTPHeaderField: "Date")
        return HttpResponse(status: UInt16(clamping: http.statusCode), date: date, body: body)
    }

    // SEC-P3: never follow a redirect; the 3xx itself becomes the response.
    func urlSession(_ session: URLSession, task: URLSessionTask,
                    willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
                    completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard !overflow else { return }
        let room = limit + 1 - body.count
        body.append(data.prefix(room))
        if body.count > limit {
            overflow = true
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        response = task.response
        self.error = error
        done.signal()
    }

    #if canImport(Security)
    // The pinned CA joins the system roots as an anchor (AnchorCertificatesOnly false): a
    // server with a public certificate still passes; host name and expiry are checked by
    // the SSL policy of the trust object as usual.
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        guard challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,
              let trust = challenge.protectionSpace.serverTrust else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        guard !anchors.isEmpty else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        let certificates = anchors.compactMap { SecCertificateCreateWithData(nil, $0 as CFData) }
        guard certificates.count == anchors.count else {
            trustFailure = "the pinned CA certificate cannot be read"
            completionHandler(.cancelAuthenticationChallenge, nil)
            return
        }
        SecTrustSetAnchorCertificates(trust, certificates as CFArray)
        SecTrustSetAnchorCertificatesOnly(trust, false)
        var error: CFError?
        if SecTrustEvaluateWithError(trust, &error) {
            completionHandler(.useCredential, URLCredential(trust: trust))
        } else {
            trustFailure = "the server's TLS certificate is not trusted"
            completionHandler(.cancelAuthenticationChallenge, nil)
        }
    }
    #endif
}

/// PEM → DER certificates (RFC 7468 §5): the base64 between each BEGIN/END CERTIFICATE pair.
public enum PEM {
    public static func certificates(_ pem: String) throws -> [Data] {
        var result: [Data] = []
        var current: String?
        for raw in pem.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line == "-----BEGIN CERTIFICATE-----" {
                current = ""
            } else if line == "-----END CERTIFICATE-----" {
                guard let b64 = current, let der = Data(base64Encoded: b64), !der.isEmpty else {
                    throw CallbackError.Failed(reason: "the pinned CA certificate is not valid PEM")
                }
                result.append(der)
                current = nil
            } else if current != nil {
                current! += line
            }
        }
        if result.isEmpty || current != nil {
            throw CallbackError.Failed(reason: "the pinned CA certificate is not valid PEM")
        }
        return result
    }
}
