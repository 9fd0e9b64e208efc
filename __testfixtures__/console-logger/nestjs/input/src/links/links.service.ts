import { Injectable, NotFoundException } from "@nestjs/common";
import { PrismaService } from "../prisma.service";

@Injectable()
export class LinksService {
  constructor(private readonly prisma: PrismaService) {}

  async find(slug: string) {
    const link = await this.prisma.link.findUnique({ where: { slug } });
    if (!link) throw new NotFoundException();
    this.prisma.click
      .create({ data: { slug } })
      .catch((err) => console.error("Failed to record click:", err));
    return link;
  }

  async remove(slug: string) {
    try {
      await this.prisma.link.delete({ where: { slug } });
      console.log("Removed link", slug);
    } catch (error) {
      console.error("Failed to remove link", slug, error);
    }
  }

  static describe(slug: string) {
    console.info("describing", slug);
    return slug;
  }
}
