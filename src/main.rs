//! The `kascore` binary: parse the command line, run the command, map the outcome to an exit
//! code. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kascore::cli::Cli::parse();
    kascore::cmd::run(cli).into()
}

// Tens of millions of small strings and vectors come and go on every thread; mimalloc's
// thread-local heaps make that much cheaper than the system allocator (see the README's
// performance section for the measurement).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
