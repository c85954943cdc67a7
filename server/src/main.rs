//! `hearth`: starts the server (see `lib.rs` for how it is built).
// The islands' views are deep types (see the app crate).
#![recursion_limit = "256"]
#![allow(clippy::print_stdout)]

use std::net::SocketAddr;

use server::config::{self, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", config::usage());
        return std::process::ExitCode::SUCCESS;
    }
    let ran = match args.first().map(String::as_str) {
        Some("check-config") => check_config(args.split_off(1)).await,
        Some("forget-sessions") => forget_sessions(args.split_off(1)).await,
        _ => run(args).await,
    };
    match ran {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hearth: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `hearth check-config [--NAME VALUE]...`: what a start would find, without serving.
async fn check_config(args: Vec<String>) -> Result<(), String> {
    let config = Config::load(|name| std::env::var(name).ok(), &args).map_err(|e| e.to_string())?;
    for line in server::check_config(config).await? {
        println!("{line}");
    }
    println!("The configuration works.");
    Ok(())
}

/// `hearth forget-sessions [--NAME VALUE]...`: every session ends; this key seals from now on.
async fn forget_sessions(args: Vec<String>) -> Result<(), String> {
    let config = Config::load(|name| std::env::var(name).ok(), &args).map_err(|e| e.to_string())?;
    let ended = server::forget_sessions(config).await?;
    println!("{ended} sessions ended; this instance's session key seals from now on.");
    Ok(())
}

async fn run(args: Vec<String>) -> Result<(), String> {
    let config = Config::load(|name| std::env::var(name).ok(), &args).map_err(|e| e.to_string())?;
    let listen = config.listen;
    let hearth = server::build(config).await.map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    if hearth.simulator.is_some() {
        println!("{}", server::demo_credentials());
    }
    println!(
        "Hearth is running on http://{listen}{}",
        if hearth.simulator.is_some() {
            " (demo mode)"
        } else {
            ""
        }
    );
    axum::serve(
        listener,
        hearth
            .router
            .into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .map_err(|e| e.to_string())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
