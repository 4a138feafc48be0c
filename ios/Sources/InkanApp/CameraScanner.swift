// Camera scan: AVFoundation delivers 420f frames (kCVPixelFormatType_420YpCbCr8BiPlanarFullRange);
// plane 0 is the luma (Y) plane, handed in one piece with its bytesPerRow padding to the core
// QrScanner (`feedFrame`, which skips the padding by the row stride) without a copy: the core
// borrows the locked pixel memory for the call. The scanner hands out the first enrollment
// payload once.
#if canImport(AVFoundation) && canImport(UIKit)
import AVFoundation
import Foundation
import InkanCore

public final class CameraScanner: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate, @unchecked Sendable {
    public let session = AVCaptureSession()
    private let queue = DispatchQueue(label: "inkan.scan")
    private let scanner = QrScanner()
    private let onLink: @Sendable (String) -> Void
    private var done = false

    public init(onLink: @escaping @Sendable (String) -> Void) {
        self.onLink = onLink
    }

    public func start() throws {
        guard let device = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back) else { return }
        let input = try AVCaptureDeviceInput(device: device)
        let output = AVCaptureVideoDataOutput()
        output.videoSettings = [kCVPixelBufferPixelFormatTypeKey as String: kCVPixelFormatType_420YpCbCr8BiPlanarFullRange]
        output.alwaysDiscardsLateVideoFrames = true
        output.setSampleBufferDelegate(self, queue: queue)
        session.beginConfiguration()
        // 1280×720 is plenty for a QR code: 0.9 MB of luma per frame instead of 2 MB at 1080p.
        session.sessionPreset = .hd1280x720
        if session.canAddInput(input) { session.addInput(input) }
        if session.canAddOutput(output) { session.addOutput(output) }
        session.commitConfiguration()
        queue.async { self.session.startRunning() }
    }

    public func stop() { queue.async { self.session.stopRunning() } }

    public func captureOutput(_ output: AVCaptureOutput, didOutput sampleBuffer: CMSampleBuffer,
                              from connection: AVCaptureConnection) {
        guard !done, let pixels = CMSampleBufferGetImageBuffer(sampleBuffer) else { return }
        // A malformed frame throws: skip it and wait for the next one.
        guard let result = try? Self.withLumaPlane(pixels, { plane, width, height, stride in
                  try scanner.feedFrame(width: UInt32(width), height: UInt32(height),
                                        rowStride: UInt32(stride), yPlane: plane)
              }),
              let text = result.payload else { return }
        done = true
        onLink(text)
    }

    /// Runs `body` on the Y plane as the buffer holds it, row padding included, with its width,
    /// height and bytes per row; nil without a base address. No copy: the Data wraps the locked
    /// pixel memory, so it must not outlive `body` (feedFrame borrows it only for the call).
    static func withLumaPlane<R>(_ pixels: CVPixelBuffer,
                                 _ body: (Data, Int, Int, Int) throws -> R) rethrows -> R? {
        CVPixelBufferLockBaseAddress(pixels, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
        guard let base = CVPixelBufferGetBaseAddressOfPlane(pixels, 0) else { return nil }
        let height = CVPixelBufferGetHeightOfPlane(pixels, 0)
        let stride = CVPixelBufferGetBytesPerRowOfPlane(pixels, 0)
        let plane = Data(bytesNoCopy: base, count: stride * height, deallocator: .none)
        return try body(plane, CVPixelBufferGetWidthOfPlane(pixels, 0), height, stride)
    }
}
#endif
