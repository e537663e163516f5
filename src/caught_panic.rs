//! A panic inside a library, caught as the error of one operation: a
//! damaged document or spreadsheet, or a system that will not start the
//! threads a workbook is saved with. The operation fails with a message and
//! the program goes on; the panic is not also printed as if the program had
//! crashed. Panics anywhere else are printed as before.

use std::cell::Cell;
use std::sync::Once;

thread_local! {
    /// How many [`catch`] calls are running on this thread.
    static CATCHING: Cell<u32> = const { Cell::new(0) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `operation`; a panic inside it, on this thread, is `Err` with the
/// panic's message, and is not printed.
pub fn catch<R>(operation: impl FnOnce() -> R) -> Result<R, String> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
    CATCHING.with(|catching| catching.set(catching.get().saturating_add(1)));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(operation));
    CATCHING.with(|catching| catching.set(catching.get().saturating_sub(1)));
    result.map_err(|payload| message(payload.as_ref()))
}

fn message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_error_with_its_message() {
        assert_eq!(catch(|| 4), Ok(4));
        let number = 7;
        assert_eq!(
            catch(|| -> u8 { panic!("stopped at {number}") }),
            Err("stopped at 7".to_owned())
        );
        assert_eq!(catch(|| -> u8 { panic!("plain") }), Err("plain".to_owned()));
        // Nested: the inner panic is the inner call's error only.
        assert_eq!(
            catch(|| catch(|| -> u8 { panic!("inner") })),
            Ok(Err("inner".to_owned()))
        );
        // The count is back to zero, so panics outside are printed again.
        assert_eq!(CATCHING.with(Cell::get), 0);
    }

    #[test]
    fn only_the_catching_thread_is_quiet() {
        let _ = catch(|| 1);
        let outside = std::thread::spawn(|| CATCHING.with(Cell::get)).join();
        assert_eq!(outside.ok(), Some(0));
    }
}
