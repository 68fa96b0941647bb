/** The shortest password a staff account may be given (a team member's temporary one, the first admin's). */
export const MIN_PASSWORD_LENGTH = 12;
