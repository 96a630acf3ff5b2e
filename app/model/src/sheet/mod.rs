//! Reads the action-plan sheet as staff export it (tab-separated text) into a [`Plan`].
