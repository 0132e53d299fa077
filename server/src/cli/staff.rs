//! `rightful staff create|list|disable`: console accounts. A generated password (and a TOTP
//! secret, with `--totp`) is printed once.

use std::io::Read;

use backend::staff::{NewStaff, Password};
use clap::Subcommand;
use domain::{Email, StaffRole};

use crate::{cli::CliError, cli::serve::open_backend, config::Config};

/// The `staff` subcommands.
#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create an account; prints a generated password once, unless one comes on standard
    /// input with --password-stdin.
    Create {
        /// Their work address.
        #[arg(long)]
        email: String,
        /// admin, operator or legal.
        #[arg(long)]
        role: String,
        /// Read the password (at least 12 characters) from standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Ask for a TOTP code at sign-in too; prints the otpauth:// URI once.
        #[arg(long)]
        totp: bool,
    },
    /// List every account (address, role, disabled, TOTP, last sign-in) as JSON lines.
    List,
    /// Disable an account; its console sessions end at once.
    Disable {
        /// The account's address.
        email: String,
    },
}

/// Runs a `staff` subcommand against the configured database.
pub async fn run(command: StaffCommand) -> Result<(), CliError> {
    let config = Config::load().map_err(CliError::Usage)?;
    match command {
        StaffCommand::Create {
            email,
            role,
            password_stdin,
            totp,
        } => {
            let email = Email::parse(&email).map_err(CliError::flag)?;
            let role: StaffRole = role.parse().map_err(CliError::flag)?;
            let password = password_stdin.then(read_password).transpose()?;
            let backend = open_backend(&config).await?;
            let new = NewStaff {
                email,
                role,
                password,
                totp,
            };
            let created = backend.create_staff(new).await?;
            eprintln!("Created {} ({}).", created.member.email.as_str(), role);
            if let Some(password) = created.password {
                println!("{}", password.0);
                eprintln!("This password is shown once. Hand it over safely.");
            }
            if let Some(uri) = created.totp_uri {
                println!("{}", uri.0);
                eprintln!("Add this otpauth:// URI to an authenticator app; it is shown once.");
            }
        }
        StaffCommand::List => {
            let backend = open_backend(&config).await?;
            for member in backend.list_staff().await? {
                let line = serde_json::json!({
                    "email": member.email.as_str(),
                    "role": member.role,
                    "disabled": member.disabled,
                    "totp": member.totp,
                    "created_at": member.created_at,
                    "last_sign_in_at": member.last_sign_in_at,
                });
                println!("{line}");
            }
        }
        StaffCommand::Disable { email } => {
            let email = Email::parse(&email).map_err(CliError::flag)?;
            let backend = open_backend(&config).await?;
            backend.disable_staff(&email).await?;
            eprintln!("Disabled: their console sessions have ended.");
        }
    }
    Ok(())
}

/// The password on standard input, without its line ending.
fn read_password() -> Result<Password, CliError> {
    let mut text = String::new();
    std::io::stdin()
        .take(1024)
        .read_to_string(&mut text)
        .map_err(|e| CliError::Failed(format!("reading the password: {e}")))?;
    Ok(Password(text.trim_end_matches(['\r', '\n']).to_owned()))
}
