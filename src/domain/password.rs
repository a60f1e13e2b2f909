//! What a password must be: at least 12 characters, and not common or guessable.
//!
//! Guessability is judged by zxcvbn, which checks the password against its lists
//! of common passwords, names and words (also l33t-spelled and reversed), keyboard
//! patterns, dates and repeats, and against the user's own name and login.

/// Shortest password accepted (OWASP ASVS 2.1.1).
pub const MIN_LENGTH: usize = 12;
/// Longest password accepted (ASVS 2.1.2 asks for at least 64; hashing caps work).
pub const MAX_LENGTH: usize = 256;
/// Lowest zxcvbn score accepted (0-4; 3 means "safely unguessable").
const MIN_SCORE: u8 = 3;

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_LENGTH`] characters.
    TooShort,
    /// More than [`MAX_LENGTH`] characters.
    TooLong,
    /// Found in the common-password lists, or otherwise easy to guess.
    TooCommon,
}

/// Checks a new password; `personal` holds the user's login and names, which the
/// password must not be built from.
pub fn check(password: &str, personal: &[&str]) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    let estimate = zxcvbn::zxcvbn(password, personal);
    if u8::from(estimate.score()) < MIN_SCORE {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_short_common_and_personal_passwords() {
        assert_eq!(check("short", &[]), Err(PasswordProblem::TooShort));
        assert_eq!(check("password1234", &[]), Err(PasswordProblem::TooCommon));
        assert_eq!(check("qwertyuiop123", &[]), Err(PasswordProblem::TooCommon));
        assert_eq!(check("123456789012", &[]), Err(PasswordProblem::TooCommon));
        assert_eq!(
            check("lixiaomei2026", &["lixiaomei", "李晓梅"]),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(check(&"x".repeat(300), &[]), Err(PasswordProblem::TooLong));
        assert_eq!(check("violet-harbour-tram-42", &[]), Ok(()));
        assert_eq!(check("社工督导每周例会准时开始吧", &[]), Ok(()));
    }
}
