import app from "./src/app"
import prismaClient from "./src/controllers/prismaClient";

const port = process.env.PORT || 4000;
const server = app.listen(port, () =>
    console.log(`Server ready at: http://localhost:${port}`)
);

async function shutdown(signal: string) {
    console.log(`${signal} received, shutting down`);
    try {
        await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
        await prismaClient.$disconnect();
    } catch (error) {
        console.error("Error during shutdown", error);
        process.exit(1);
    }
    process.exit(0);
}

process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
