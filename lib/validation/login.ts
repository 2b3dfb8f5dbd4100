import { z } from "zod";

// Messages are catalogue keys (namespace "login"), translated where the form renders them.
export const loginSchema = z.object({
  // A field left out (null) or sent as a file is "required", not zod's English message.
  email: z.string({ message: "emailRequired" }).trim().min(1, "emailRequired").email("emailInvalid"),
  password: z.string({ message: "passwordRequired" }).min(1, "passwordRequired"),
});
