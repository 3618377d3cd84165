/** Opens a file in the user's browser only when someone is there to see it: a TTY, a display, not CI. */
export async function showIfInteractive(path: string, allowed: boolean): Promise<boolean> {
  const display =
    process.platform === 'darwin' ||
    process.platform === 'win32' ||
    !!process.env.DISPLAY ||
    !!process.env.WAYLAND_DISPLAY;
  if (!allowed || !process.stdout.isTTY || !display || process.env.CI) return false;
  const { default: open } = await import('open');
  await open(path, { wait: false }).catch(() => undefined);
  return true;
}
