import { Controller, Get } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Controller('users')
export class UsersController {
  private prisma = new PrismaClient();

  constructor() {}

  @Get()
  list() {
    return this.prisma.user.findMany();
  }
}
