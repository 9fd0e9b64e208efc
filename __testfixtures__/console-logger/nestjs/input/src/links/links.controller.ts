import { Controller, Get, Logger, Param } from "@nestjs/common";
import { LinksService } from "./links.service";

@Controller("links")
export class LinksController {
  private readonly log = new Logger(LinksController.name);

  constructor(private readonly links: LinksService) {}

  @Get(":slug")
  get(@Param("slug") slug: string) {
    this.log.log(`get ${slug}`);
    console.warn("deprecated route", { slug });
    return this.links.find(slug);
  }
}
