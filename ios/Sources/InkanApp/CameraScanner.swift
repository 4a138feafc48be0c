// Camera scan: AVFoundation delivers 420f frames (kCVPixelFormatType_420YpCbCr8BiPlanarFullRange);
// plane 0 is the luma (Y) plane, handed in one piece with its bytesPerRow padding to the core
// QrScanner (`feedFrame`, which skips the padding by the row stride) without a copy: the core
// borrows the locked pixel memory for the call. The scanner hands out the first enrollment
// payload once. The scan sheet shows the camera's preview layer above the photo picker (a
// screenshot of the code on this phone); what they find goes to ShellModel.scanned.
#if canImport(AVFoundation) && canImport(UIKit) && canImport(SwiftUI) && canImport(PhotosUI)
import AVFoundation
import Foundation
import InkanCore
import PhotosUI
import SwiftUI
import UIKit

/// The scan sheet: the live preview while the camera looks for a code, and the photo picker.
/// The camera runs only while the sheet is up.
struct ScanSheet: View {
    @ObservedObject var model: ShellModel
    @State private var camera: CameraScanner?
    @State private var picked: PhotosPickerItem?

    var body: some View {
        VStack {
            if let camera {
                CameraPreview(session: camera.session).ignoresSafeArea()
            } else {
                Spacer()
            }
            PhotosPicker(selection: $picked, matching: .images) {
                Image(systemName: "photo.on.rectangle").font(.title)
            }
            .padding()
        }
        .onAppear {
            let model = self.model  // main-actor isolated, so Sendable; not the view
            let scanner = CameraScanner { text in Task { @MainActor in model.scanned(link: text) } }
            // No camera or no permission: the photo picker still works.
            try? scanner.start()
            camera = scanner
        }
        .onDisappear { camera?.stop() }
        .onChange(of: picked) { item in
            guard let item else { return }
            Task {
                if let data = try? await item.loadTransferable(type: Data.self) {
                    await model.scanned(image: data)
                }
            }
        }
    }
}

/// A view whose layer is the camera's preview layer (the viewfinder).
struct CameraPreview: UIViewRepresentable {
    let session: AVCaptureSession

    final class PreviewView: UIView {
        override class var layerClass: AnyClass { AVCaptureVideoPreviewLayer.self }
        var preview: AVCaptureVideoPreviewLayer { layer as! AVCaptureVideoPreviewLayer }  // layerClass above
    }

    func makeUIView(context: Context) -> PreviewView {
        let view = PreviewView()
        view.preview.session = session
        view.preview.videoGravity = .resizeAspectFill
        return view
    }

    func updateUIView(_ view: PreviewView, context: Context) {}
}

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
