//! Gives `--version` the `git describe` of the checkout it was built from, where there is one.

fn main() {
    let described = std::process::Command::new("git")
        .args(["describe", "--tags", "--always", "--dirty"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let version = env!("CARGO_PKG_VERSION");
    let full = match described {
        Some(git) => format!("{version} ({git})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=DOSSIER_VERSION={full}");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/index");
}
