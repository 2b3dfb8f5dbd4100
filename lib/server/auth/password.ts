import "server-only";

export { hashPassword, verifyPassword } from "./password-hash";
