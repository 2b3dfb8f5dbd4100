import { z } from "zod";

// Messages are catalogue keys (namespace "login"), translated where the form renders them.
export const loginSchema = z.object({
  email: z.string().trim().min(1, "emailRequired").email("emailInvalid"),
  password: z.string().min(1, "passwordRequired"),
});
