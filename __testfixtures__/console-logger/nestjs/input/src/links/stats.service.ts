import { Injectable } from "@nestjs/common";
import { BaseService } from "../base.service";

@Injectable()
export class StatsService extends BaseService {
  count() {
    this.logger.debug("counting");
    console.debug("count requested");
  }
}
