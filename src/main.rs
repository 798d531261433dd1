use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match dossier::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dossier: {e:#}");
            ExitCode::from(1)
        }
    }
}
