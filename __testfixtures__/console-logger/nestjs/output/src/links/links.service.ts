import { Injectable, NotFoundException, Logger } from "@nestjs/common";
import { PrismaService } from "../prisma.service";

const logger = new Logger("links.service");

@Injectable()
export class LinksService {
  private readonly logger = new Logger(LinksService.name);

  constructor(private readonly prisma: PrismaService) {}

  async find(slug: string) {
    const link = await this.prisma.link.findUnique({ where: { slug } });
    if (!link) throw new NotFoundException();
    this.prisma.click
      .create({ data: { slug } })
      .catch((err) => this.logger.error("Failed to record click:", err instanceof Error ? err.stack : String(err)));
    return link;
  }

  async remove(slug: string) {
    try {
      await this.prisma.link.delete({ where: { slug } });
      this.logger.log("Removed link", { slug });
    } catch (error) {
      this.logger.error({ message: "Failed to remove link", slug, stack: error instanceof Error ? error.stack : String(error) });
    }
  }

  static describe(slug: string) {
    logger.log("describing", { slug });
    return slug;
  }
}
