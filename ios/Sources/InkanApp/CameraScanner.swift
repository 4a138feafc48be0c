// Camera scan: AVFoundation delivers 420f frames (kCVPixelFormatType_420YpCbCr8BiPlanarFullRange);
// plane 0 is the luma (Y) plane, copied row by row (bytesPerRow padding dropped) into a
// tight width×height buffer for the decoder (the core QrScanner once the QR module lands).
#if canImport(AVFoundation) && canImport(UIKit)
import AVFoundation
import Foundation

/// Decodes QR codes from a luma plane; the core QrScanner will implement this.
public protocol FrameDecoder: Sendable {
    func decode(luma: Data, width: Int, height: Int) -> String?
}

public final class CameraScanner: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate, @unchecked Sendable {
    public let session = AVCaptureSession()
    private let queue = DispatchQueue(label: "inkan.scan")
    private let decoder: FrameDecoder
    private let onLink: @Sendable (String) -> Void
    private var done = false

    public init(decoder: FrameDecoder, onLink: @escaping @Sendable (String) -> Void) {
        self.decoder = decoder
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
        let luma = Self.lumaPlane(pixels)
        guard let text = decoder.decode(luma: luma.data, width: luma.width, height: luma.height) else { return }
        done = true
        onLink(text)
    }

    static func lumaPlane(_ pixels: CVPixelBuffer) -> (data: Data, width: Int, height: Int) {
        CVPixelBufferLockBaseAddress(pixels, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
        let width = CVPixelBufferGetWidthOfPlane(pixels, 0)
        let height = CVPixelBufferGetHeightOfPlane(pixels, 0)
        let stride = CVPixelBufferGetBytesPerRowOfPlane(pixels, 0)
        guard let base = CVPixelBufferGetBaseAddressOfPlane(pixels, 0) else { return (Data(), 0, 0) }
        var data = Data(count: width * height)
        data.withUnsafeMutableBytes { out in
            for row in 0..<height {
                let dst = out.baseAddress!.advanced(by: row * width)
                dst.copyMemory(from: base.advanced(by: row * stride), byteCount: width)
            }
        }
        return (data, width, height)
    }
}
#endif
