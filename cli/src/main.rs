//! `inkan`: the desktop authenticator. Parses enrollment URIs, shows one-time codes.
//!
//! Exit codes: 0 success, 1 the input or operation was refused (message on stderr),
//! 2 the command line itself was wrong (clap prints usage).

mod args;
mod commands;
mod error;
mod keystore;
mod output;
mod session;
mod time_store;
mod transport;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`inkan codes | head`): nothing left to say to anyone.
        Err(error::CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // One line, never the input itself: URIs carry secrets.
            eprintln!("inkan: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
