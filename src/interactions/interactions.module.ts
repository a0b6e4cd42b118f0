import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { BatchInteraction } from './bundle/batch';
import { BundleInteraction } from './bundle/bundle';
import { EntryDispatch } from './bundle/entry-dispatch';
import { TransactionInteraction } from './bundle/transaction';
import { CompartmentInteraction } from './compartment';
import { CreateInteraction } from './create';
import { DeleteInteraction } from './delete';
import { HistoryInteraction } from './history';
import { PatchInteraction } from './patch';
import { ReadInteraction } from './read';
import { ResourceGuard } from './resource-guard';
import { SearchInteraction } from './search';
import { UpdateInteraction } from './update';
import { ValidateOperation } from './validate';
import { ProfileSync } from './profile-sync';
import { ReindexOperation } from './reindex';
import { SearchParameterSync } from './search-parameter-sync';
import { ResourceEvents } from './resource-events';
import { VersionWriter } from './write-version';

const INTERACTIONS = [ResourceEvents, VersionWriter, ResourceGuard, ReadInteraction, CreateInteraction, UpdateInteraction, PatchInteraction, DeleteInteraction, HistoryInteraction, SearchInteraction, ValidateOperation, EntryDispatch, BatchInteraction, TransactionInteraction, BundleInteraction, CompartmentInteraction, ReindexOperation];

@Module({
  imports: [StorageModule],
  providers: [...INTERACTIONS, ProfileSync, SearchParameterSync],
  exports: [...INTERACTIONS, StorageModule],
})
export class InteractionsModule {}
