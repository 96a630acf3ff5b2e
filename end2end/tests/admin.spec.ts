import { expect, test } from "@playwright/test";
import { stateFile } from "../global-setup";

// The regional office's admin manages the units below it and the people in them.
test.use({ storageState: stateFile("admin") });

test("an admin adds a person, disables the account, and both steps are in the admin trail", async ({ page }) => {
  await page.goto("/admin");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Tambah pengguna" }) });
  await form.getByLabel("Nama pengguna").fill("staf.uji.e2e");
  await form.getByLabel("Nama lengkap").fill("Staf Uji E2E");
  await form.getByLabel("Kata sandi awal").fill("sandi-staf-uji-e2e");
  await form.getByRole("button", { name: "Tambah pengguna" }).click();
  const row = page.locator('tr.person[data-username="staf.uji.e2e"]');
  await expect(row).toBeVisible();
  await expect(row.locator(".account-state")).toHaveText("Aktif");

  await row.getByRole("button", { name: "Nonaktifkan akun Staf Uji E2E" }).click();
  await expect(row.locator(".account-state")).toHaveText("Nonaktif");
  await expect(row.getByRole("button", { name: "Aktifkan kembali akun Staf Uji E2E" })).toBeVisible();

  const trail = page.locator("table.admin-log tbody tr");
  await expect(trail.first()).toContainText("Akun dinonaktifkan");
  await expect(trail.first()).toContainText("Staf Uji E2E");
  await expect(trail.nth(1)).toContainText("Pengguna dibuat");

  // Their own row offers nothing to change: another admin does that.
  const own = page.locator('tr.person[data-username="admin"]');
  await expect(own).toContainText("Akun Anda");
  await expect(own.getByRole("button")).toHaveCount(0);
});
