import { Injectable, PipeTransform } from '@nestjs/common';
import { parseDin } from './din';

/** Path `:din`: the 13-character DIN, the 14 with check character, or data structure 001 with its flag characters; returns the 13. */
@Injectable()
export class DinPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return parseDin(value).din;
  }
}
