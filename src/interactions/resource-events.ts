// Interactions announce what they wrote; audit, profiles and engines listen. Storage never calls out.
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import type { StoredVersion } from './resource-store';

export type WrittenListener = (version: StoredVersion, resource: Resource | null) => void;

@Injectable()
export class ResourceEvents {
  private readonly listeners: WrittenListener[] = [];

  onWritten(listener: WrittenListener): void {
    this.listeners.push(listener);
  }

  written(version: StoredVersion, resource: Resource | null): void {
    for (const listener of this.listeners) listener(version, resource);
  }
}
