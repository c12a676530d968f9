import Foundation

/// What `body` returns, run on a thread with a 256 MiB stack: writing thousands of nested levels
/// takes that many frames in a debug build, more than a test thread has.
func onLargeStack<Value>(_ body: @escaping () -> Value) -> Value? {
    // Only the new thread touches these until `done` is signalled.
    nonisolated(unsafe) let body = body
    nonisolated(unsafe) var value: Value?
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        value = body()
        done.signal()
    }
    thread.stackSize = 256 << 20
    thread.start()
    done.wait()
    return value
}
