// Scenarios S11–S12 of tests/scenarios.md (QR) in Swift. The dev image path comes from
// INKAN_DEV_IMAGE (tests/bindings/swift.sh copies the image into the build directory the
// chroot can see); a missing image fails the test.
import Foundation
import XCTest
import InkanCore

let DEV_IMAGE_PREFIX = "otpauth://totp/ACME Corp VPN:ivan?secret="
let FRAME_TEXT = "otpauth://totp/ACME:frame?secret=JBSWY3DPEHPK3PXP&issuer=ACME"

final class QrScenarioTests: XCTestCase {
    func testS11DecodeDevImage() throws {
        let path = try XCTUnwrap(ProcessInfo.processInfo.environment["INKAN_DEV_IMAGE"],
                                 "INKAN_DEV_IMAGE is not set")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let texts = try decodeImage(bytes: bytes)
        XCTAssertEqual(texts.count, 1)
        XCTAssertTrue(texts[0].hasPrefix(DEV_IMAGE_PREFIX))
        XCTAssertEqual(try parseLink(link: texts[0]).accounts.map { $0.info().name }, ["ivan"])
        XCTAssertThrowsError(try decodeImage(bytes: Data("not an image".utf8))) { error in
            guard case InkanError.InvalidInput = error else { return XCTFail("\(error)") }
        }
    }

    func testS12ScannerWithPaddedRows() throws {
        let frame = try qrTestFrame(text: FRAME_TEXT, padding: 24)
        XCTAssertEqual(frame.rowStride, frame.width + 24)
        let scanner = QrScanner()
        let first = try scanner.feedFrame(width: frame.width, height: frame.height,
                                          rowStride: frame.rowStride, yPlane: frame.yPlane)
        XCTAssertEqual(first.payload, FRAME_TEXT)
        XCTAssertTrue(first.otherCodes.isEmpty)
        XCTAssertTrue(try scanner.isDone())
        XCTAssertNil(try scanner.feedFrame(width: frame.width, height: frame.height,
                                           rowStride: frame.rowStride, yPlane: frame.yPlane).payload)

        let other = try qrTestFrame(text: "https://apps.example/inkan", padding: 0)
        try scanner.reset()
        let seen = try scanner.feedFrame(width: other.width, height: other.height,
                                         rowStride: other.rowStride, yPlane: other.yPlane)
        XCTAssertNil(seen.payload)
        XCTAssertEqual(seen.otherCodes, ["https://apps.example/inkan"])

        XCTAssertEqual(try decodeLuma(width: frame.width, height: frame.height,
                                      rowStride: frame.rowStride, yPlane: frame.yPlane), [FRAME_TEXT])
        XCTAssertThrowsError(try scanner.feedFrame(width: frame.width, height: frame.height,
                                                   rowStride: frame.width - 1, yPlane: frame.yPlane)) { error in
            guard case InkanError.Internal = error else { return XCTFail("\(error)") }
        }
    }
}
