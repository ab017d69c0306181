//! External subcommands: `cxkpi X ARGS…` runs `cxkpi-X ARGS…`, found next to
//! the running executable, else on PATH (cargo's and git's rule).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The executable of subcommand `name`: next to `cxkpi`, else on PATH.
fn find(name: &OsStr) -> Option<PathBuf> {
    let file = {
        let mut f = OsString::from("cxkpi-");
        f.push(name);
        f.push(std::env::consts::EXE_SUFFIX);
        f
    };
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.join(&file)));
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(&file));
    beside.into_iter().chain(on_path).find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Runs `args[0]` as an external subcommand with the rest of `args`.
pub fn run(args: &[OsString]) -> ExitCode {
    let Some((name, rest)) = args.split_first() else {
        return ExitCode::from(2);
    };
    let shown = name.to_string_lossy();
    // A name with a path in it would escape the lookup.
    if shown.is_empty() || shown.contains(['/', '\\']) {
        eprintln!("cxkpi: {shown:?} is not a command name; see `cxkpi --help`");
        return ExitCode::from(2);
    }
    let Some(program) = find(name) else {
        eprintln!(
            "cxkpi: no such command `{shown}`: no executable cxkpi-{shown} next to cxkpi or on PATH; see `cxkpi --help`"
        );
        return ExitCode::from(2);
    };
    match Command::new(&program).args(rest).status() {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            // Killed by a signal.
            None => ExitCode::FAILURE,
        },
        Err(e) => {
            eprintln!("cxkpi: cannot run {}: {e}", program.display());
            ExitCode::FAILURE
        }
    }
}
