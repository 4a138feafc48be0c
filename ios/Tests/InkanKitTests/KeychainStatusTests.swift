// The Keychain status mapping shared by the key store, the token keys and the approval key
// (KeychainStatus): a locked device is Unavailable (retried later: a background poll of a
// locked phone), a missing item is "not there" for a lookup and "gone" for a delete.
import XCTest
import InkanCore
@testable import InkanKit

final class KeychainStatusTests: XCTestCase {
    func testLookup() throws {
        XCTAssertTrue(try KeychainStatus.found(0))
        XCTAssertFalse(try KeychainStatus.found(-25300))
        XCTAssertThrowsError(try KeychainStatus.found(-25308)) { error in
            guard case CallbackError.Unavailable = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try KeychainStatus.found(-34018)) { error in
            guard case CallbackError.Failed(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("-34018"), reason)
        }
    }

    func testDelete() throws {
        XCTAssertNoThrow(try KeychainStatus.deleted(0))
        XCTAssertNoThrow(try KeychainStatus.deleted(-25300), "already gone")
        XCTAssertThrowsError(try KeychainStatus.deleted(-25308)) { error in
            guard case CallbackError.Unavailable = error else { return XCTFail("\(error)") }
        }
    }
}
