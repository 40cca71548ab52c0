import type { INestApplication } from '@nestjs/common';

/**
 * Listens on PORT (on `host` when given, every interface otherwise). A port that cannot be had closes the application (the store, Redis) and is
 * an error naming PORT and what to do, instead of the bare EADDRINUSE of the socket.
 */
export async function listenOnPort(
  app: INestApplication,
  port: number,
  host?: string,
): Promise<void> {
  try {
    await (host === undefined ? app.listen(port) : app.listen(port, host));
  } catch (error) {
    await app.close();
    const reason = portRefusal((error as NodeJS.ErrnoException).code, port);
    if (reason === undefined) throw error;
    throw new Error(reason, { cause: error });
  }
}

function portRefusal(code: string | undefined, port: number): string | undefined {
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} (PORT) is already in use by another process: stop that process, or set PORT to a free port`;
    case 'EACCES':
      return `port ${port} (PORT) needs privileges this user does not have: set PORT to 1024 or above`;
    default:
      return undefined;
  }
}
