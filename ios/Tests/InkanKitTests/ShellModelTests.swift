// The screens' model (ShellModel), compiled and run on Linux over the real Rust vault: a link
// that arrives before the vault is open is held and confirmed once the account list shows;
// a picked screenshot of a code becomes the same confirmation; approvals are typed in.
import Foundation
import XCTest
import InkanCore
@testable import InkanApp
@testable import InkanKit

final class ShellModelTests: XCTestCase {
    func testLinkBeforeVaultOpenIsHeldUntilOpen() async throws { try await Self.inVault(Self.heldLink) }
    func testLinkWhileOpenIsConfirmedAtOnce() async throws { try await Self.inVault(Self.linkWhileOpen) }
    func testPickedImageIsConfirmedLikeALink() async throws { try await Self.inVault(Self.pickedImage) }
    func testCameraPayloadClosesTheSheet() async throws { try await Self.inVault(Self.cameraPayload) }

    /// Runs `body` with a model over a new vault directory, removed afterwards.
    @MainActor
    private static func inVault(_ body: @MainActor (ShellModel) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inkan-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await body(ShellModel(state: AppState(vaultFile: VaultFile(directory: dir), keyStore: TestKeyStore(),
                                                clock: CountingClock(NOW))))
    }

    @MainActor
    private static func openVault(_ model: ShellModel) async {
        await model.createVault(password: "correct horse", confirmation: "correct horse")
        XCTAssertEqual(model.step, .recoveryCode, model.vaultProblem ?? "")
        await model.recoveryCodeSaved()
        XCTAssertEqual(model.step, .open, model.vaultProblem ?? "")
    }

    /// A pairing link tapped on a phone whose vault is not open yet (first start here) is not
    /// dropped: held in memory, then on the confirmation screen once the vault is open.
    @MainActor
    private static func heldLink(_ model: ShellModel) async throws {
        XCTAssertEqual(model.step, .create)
        model.open(link: PAIR_LINK)
        XCTAssertEqual(model.heldLink, PAIR_LINK)
        XCTAssertFalse(model.showingConfirm)
        XCTAssertNil(model.state.pendingRoute)

        await openVault(model)
        XCTAssertNil(model.heldLink, "handed over once")
        XCTAssertTrue(model.showingConfirm)
        guard case .addAccounts(let confirmation) = model.state.pendingRoute else {
            return XCTFail("no confirmation for the held link")
        }
        XCTAssertEqual(confirmation.items, [ConfirmItem(issuer: "A", account: "a")])
        XCTAssertEqual(confirmation.fromHost, "auth.example.com")
        model.confirm(confirmation)
        XCTAssertEqual(try model.state.accounts?.state(deviceLocked: false).rows.count, 1)
        XCTAssertGreaterThan(model.objectWillChange.sent, 0, "the screens were told")
    }

    /// Once open, a link goes straight to the confirmation screen (nothing held).
    @MainActor
    private static func linkWhileOpen(_ model: ShellModel) async throws {
        await openVault(model)
        model.open(link: PAIR_LINK)
        XCTAssertNil(model.heldLink)
        XCTAssertTrue(model.showingConfirm)
        guard case .addAccounts = model.state.pendingRoute else { return XCTFail("not routed") }
    }

    /// The scan sheet's photo picker: a screenshot of the code (the dev image) closes the
    /// sheet and shows the confirmation; a file that is not an image shows core's refusal.
    @MainActor
    private static func pickedImage(_ model: ShellModel) async throws {
        let path = try XCTUnwrap(ProcessInfo.processInfo.environment["INKAN_DEV_IMAGE"], "INKAN_DEV_IMAGE is not set")
        await openVault(model)
        model.scanning = true
        await model.scanned(image: try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertFalse(model.scanning)
        XCTAssertTrue(model.showingConfirm)
        guard case .addAccounts(let confirmation) = model.state.pendingRoute else {
            return XCTFail("the screenshot's code was not routed")
        }
        XCTAssertEqual(confirmation.items.map(\.account), ["ivan"])

        model.showingConfirm = false
        model.state.pendingRoute = nil
        await model.scanned(image: Data("not an image".utf8))
        XCTAssertTrue(model.showingConfirm)
        guard case .rejected(let reason) = model.state.pendingRoute else { return XCTFail("not refused") }
        XCTAssertFalse(reason.isEmpty)
    }

    /// The camera's payload closes the sheet and is confirmed like a link.
    @MainActor
    private static func cameraPayload(_ model: ShellModel) async throws {
        await openVault(model)
        model.scanning = true
        model.scanned(link: PAIR_LINK)
        XCTAssertFalse(model.scanning)
        XCTAssertTrue(model.showingConfirm)
        guard case .addAccounts = model.state.pendingRoute else { return XCTFail("not routed") }
    }
}
