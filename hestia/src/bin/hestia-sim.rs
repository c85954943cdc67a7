//! Serves the Hestia API simulator on a loopback port and prints its demo credentials.
//!
//! `hestia-sim [ADDR]` (default `127.0.0.1:8083`).
#![allow(clippy::print_stdout)]

use hestia::simulator::{demo, Simulator, State};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8083".into())
        .parse()?;
    let sim = Simulator::start_with(State::demo(), addr).await?;
    println!("Hestia simulator on {}/api/", sim.url());
    println!(
        "root user {} / password {}",
        demo::ROOT_USER,
        demo::ROOT_PASSWORD
    );
    println!("legacy API key {}", demo::LEGACY_KEY);
    for key in demo::LOGIN_KEYS.iter().chain([&demo::SERVICE_KEY]) {
        println!("{:<34} {}", key.label, key.pair());
    }
    tokio::signal::ctrl_c().await?;
    Ok(())
}
