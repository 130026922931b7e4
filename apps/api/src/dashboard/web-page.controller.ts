import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Access } from '../access/access-level.decorator';
import { WebAssets } from './web-assets';

/**
 * The dashboard page and its static files, public: the page itself holds no data, it asks for the key in
 * a login form and sends it on every JSON request (header, never in a URL).
 */
@Controller('dashboard')
@Access('public')
export class WebPageController {
  constructor(private readonly assets: WebAssets) {}

  @Get()
  @Header('cache-control', 'no-store')
  async page(@Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, 'index.html');
  }

  /** The page's compiled scripts, its stylesheet and the charting library (from node_modules). */
  @Get('assets/:file')
  async asset(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, file);
  }

  private async send(reply: FastifyReply, file: string): Promise<void> {
    const asset = await this.assets.read(file);
    await reply
      .header('content-type', asset.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .send(asset.body);
  }
}

// Everything the page loads comes from this api, and no inline script runs.
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:";
