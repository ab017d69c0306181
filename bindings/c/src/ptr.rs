//! The one place where raw pointers from C become Rust references.
//!
//! Each helper checks what can be checked (null, alignment, a length whose
//! bytes fit `isize`) and turns a failed check into a status; what cannot be
//! checked (that a pointer points to live memory of the stated size) is the
//! caller's promise, stated in each function's `# Safety`.

use core::ffi::{CStr, c_char};

use crate::status::Failure;

/// `Ok` when `ptr` is neither null nor misaligned for `T`.
fn check<T>(ptr: *const T, name: &'static str) -> Result<(), Failure> {
    if ptr.is_null() {
        Err(Failure::Null(name))
    } else if !ptr.is_aligned() {
        Err(Failure::BadPointer(name))
    } else {
        Ok(())
    }
}

/// `Ok` when `len` values of `T` fit in `isize::MAX` bytes, as every Rust
/// slice must.
fn check_len<T>(len: usize, name: &'static str) -> Result<(), Failure> {
    match len.checked_mul(size_of::<T>()) {
        Some(bytes) if bytes <= isize::MAX.unsigned_abs() => Ok(()),
        _ => Err(Failure::BadPointer(name)),
    }
}

/// The `len` values at `ptr`, the C array argument `name`; `ptr` may be
/// null when `len` is 0.
///
/// # Safety
///
/// Unless `len` is 0, `ptr` points to `len` initialised values of `T` that
/// nothing changes while the slice is in use.
pub(crate) unsafe fn slice<'a, T>(
    ptr: *const T,
    len: usize,
    name: &'static str,
) -> Result<&'a [T], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    check(ptr, name)?;
    check_len::<T>(len, name)?;
    // SAFETY: `ptr` is non-null and aligned and the byte length fits
    // `isize` (checked above); the caller promises `len` initialised values
    // that nothing changes meanwhile.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// The `len` writable values at `ptr`, the C array argument `name`; `ptr`
/// may be null when `len` is 0.
///
/// # Safety
///
/// Unless `len` is 0, `ptr` points to `len` initialised values of `T` that
/// nothing else reads or writes while the slice is in use.
pub(crate) unsafe fn slice_mut<'a, T>(
    ptr: *mut T,
    len: usize,
    name: &'static str,
) -> Result<&'a mut [T], Failure> {
    if len == 0 {
        return Ok(&mut []);
    }
    check(ptr.cast_const(), name)?;
    check_len::<T>(len, name)?;
    // SAFETY: as in `slice`, and the caller promises exclusive access.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// The value behind `ptr`, the pointer argument `name`, to change in place.
///
/// # Safety
///
/// Unless null, `ptr` points to a valid `T` that nothing else reads or
/// writes during the call. The `#[repr(C)]` tallies hold only integers, so
/// any bytes are a valid value; an opaque handle must come from its `…_new`.
pub(crate) unsafe fn mut_ref<'a, T>(ptr: *mut T, name: &'static str) -> Result<&'a mut T, Failure> {
    check(ptr.cast_const(), name)?;
    // SAFETY: non-null and aligned (checked); the caller promises a valid,
    // unaliased `T`.
    Ok(unsafe { &mut *ptr })
}

/// The value behind `ptr`, the pointer argument `name`, to read.
///
/// # Safety
///
/// Unless null, `ptr` points to a valid `T` that nothing changes during the
/// call.
pub(crate) unsafe fn shared_ref<'a, T>(
    ptr: *const T,
    name: &'static str,
) -> Result<&'a T, Failure> {
    check(ptr, name)?;
    // SAFETY: non-null and aligned (checked); the caller promises a valid `T`.
    Ok(unsafe { &*ptr })
}

/// The NUL-terminated UTF-8 text at `ptr`, the string argument `name`.
///
/// # Safety
///
/// Unless null, `ptr` points to a NUL-terminated string that nothing
/// changes during the call.
pub(crate) unsafe fn text<'a>(ptr: *const c_char, name: &'static str) -> Result<&'a str, Failure> {
    // SAFETY: forwarded: the caller's promise is `bytes`'s.
    let bytes = unsafe { bytes(ptr, name) }?;
    core::str::from_utf8(bytes).map_err(|_| Failure::Utf8(name))
}

/// The bytes of the NUL-terminated string at `ptr`, the string argument
/// `name`, without its NUL.
///
/// # Safety
///
/// Unless null, `ptr` points to a NUL-terminated string that nothing
/// changes during the call.
pub(crate) unsafe fn bytes<'a>(
    ptr: *const c_char,
    name: &'static str,
) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return Err(Failure::Null(name));
    }
    // SAFETY: non-null (checked); the caller promises a NUL-terminated
    // string that nothing changes meanwhile.
    Ok(unsafe { CStr::from_ptr(ptr) }.to_bytes())
}

/// Writes `text` and a closing NUL into the caller's `buffer` of
/// `capacity` bytes, and its length (without the NUL) to `out_len`. A
/// buffer too small for both is `BufferTooSmall`, with the length needed
/// still written to `out_len`, so that a capacity of 0 asks for it.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0).
pub(crate) unsafe fn write_text(
    text: &str,
    buffer: *mut c_char,
    capacity: usize,
    out_len: Out<usize>,
) -> Result<(), Failure> {
    if text.len() >= capacity {
        out_len.write(text.len());
        return Err(Failure::BufferTooSmall {
            needed: text.len(),
            capacity,
        });
    }
    // SAFETY: forwarded to the caller.
    let buffer = unsafe { slice_mut(buffer.cast::<u8>(), capacity, "buffer") }?;
    buffer[..text.len()].copy_from_slice(text.as_bytes());
    buffer[text.len()] = 0;
    out_len.write(text.len());
    Ok(())
}

/// An out-parameter, checked before any work is done and written once, on
/// success.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    /// The out-parameter `name` at `ptr`.
    ///
    /// # Safety
    ///
    /// Unless null, `ptr` is valid for writing a `T` until the call returns.
    pub(crate) unsafe fn new(ptr: *mut T, name: &'static str) -> Result<Out<T>, Failure> {
        check(ptr.cast_const(), name)?;
        Ok(Out(ptr))
    }

    /// Writes `value`, without reading or dropping what was there.
    pub(crate) fn write(self, value: T) {
        // SAFETY: non-null and aligned, checked by `new`, whose caller
        // promised the pointer valid for writes.
        unsafe { self.0.write(value) };
    }
}

/// An out-array of `len` values, checked before any work is done and
/// written once, on success. Unlike [`slice_mut`] it never reads or makes a
/// reference to what was there, so the caller's array may be uninitialised
/// (a struct with a `bool` of garbage in it would be no valid Rust value).
pub(crate) struct OutArray<T> {
    ptr: *mut T,
    len: usize,
}

impl<T> OutArray<T> {
    /// The out-array `name` of `len` values at `ptr`; `ptr` may be null
    /// when `len` is 0.
    ///
    /// # Safety
    ///
    /// Unless `len` is 0, `ptr` is valid for writing `len` values of `T`
    /// until the call returns.
    pub(crate) unsafe fn new(
        ptr: *mut T,
        len: usize,
        name: &'static str,
    ) -> Result<OutArray<T>, Failure> {
        if len > 0 {
            check(ptr.cast_const(), name)?;
            check_len::<T>(len, name)?;
        }
        Ok(OutArray { ptr, len })
    }

    /// Writes the first `len` values of `values`, without reading or
    /// dropping what was there.
    pub(crate) fn write(self, values: impl IntoIterator<Item = T>) {
        for (i, value) in values.into_iter().take(self.len).enumerate() {
            // `i < len`: the slot lies inside the caller's array.
            let slot = self.ptr.wrapping_add(i);
            // SAFETY: `new` checked the pointer non-null, aligned and of a
            // byte length that fits `isize`, and its caller promised it
            // valid for writing `len` values, of which `slot` is one.
            unsafe { slot.write(value) };
        }
    }
}

/// Moves `value` to the heap for C to hold as an opaque handle.
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Frees a handle made by [`into_handle`]; null does nothing.
///
/// # Safety
///
/// Unless null, `ptr` came from [`into_handle`] for this `T` and is not used
/// again.
pub(crate) unsafe fn free_handle<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: the caller promises a live handle of this type, given up.
        drop(unsafe { Box::from_raw(ptr) });
    }
}
